import type { GaqlCondition, GaqlLiteral } from './fake-gaql-parser';
import { duringRange } from './fake-date-ranges';

/** Whether a row's value meets a WHERE condition; `today` anchors DURING ranges. A row without the value meets none. */
export function meets(value: unknown, condition: GaqlCondition, today: string): boolean {
  if (value === undefined) return false;
  switch (condition.op) {
    case '=':
      return compare(value, condition.value) === 0;
    case '!=':
      return compare(value, condition.value) !== 0;
    case '<':
      return compare(value, condition.value) < 0;
    case '<=':
      return compare(value, condition.value) <= 0;
    case '>':
      return compare(value, condition.value) > 0;
    case '>=':
      return compare(value, condition.value) >= 0;
    case 'IN':
      return condition.values.some((v) => compare(value, v) === 0);
    case 'NOT IN':
      return condition.values.every((v) => compare(value, v) !== 0);
    case 'BETWEEN':
      return compare(value, condition.from) >= 0 && compare(value, condition.to) <= 0;
    case 'LIKE':
    case 'NOT LIKE':
      return likePattern(condition.value).test(String(value)) === (condition.op === 'LIKE');
    case 'DURING': {
      const [from, to] = duringRange(condition.range, today);
      return typeof value === 'string' && value >= from && value <= to;
    }
  }
}

/** Orders a value against a literal: numbers (and int64 strings) by number, the rest as text. */
export function compare(value: unknown, literal: GaqlLiteral): number {
  if (literal.kind === 'number' && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)))) {
    return Math.sign(Number(value) - literal.value);
  }
  const text = literal.kind === 'string' ? literal.text : literal.kind === 'constant' ? literal.name : String(literal.value);
  const mine = typeof value === 'boolean' ? String(value).toUpperCase() : String(value);
  return mine < text ? -1 : mine > text ? 1 : 0;
}

/** Orders two row values for ORDER BY: numbers (and int64 strings) by number, the rest as text. */
export function order(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
  if (numeric(a) && numeric(b)) return Math.sign(Number(a) - Number(b));
  return String(a) < String(b) ? -1 : 1;
}

function likePattern(literal: GaqlLiteral): RegExp {
  const text = literal.kind === 'string' ? literal.text : literal.kind === 'constant' ? literal.name : String(literal.value);
  const body = text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`);
}
