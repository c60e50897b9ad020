import { invalidParameter } from './fake-errors';

/** One requested field, with the fields asked of it when it is an object ("creative{id,name}"). */
export interface FieldRequest {
  name: string;
  sub?: FieldRequest[];
}

/**
 * A request's parameters from wherever they came (query string, JSON or form body), read as the
 * Graph API reads them: lists and objects as JSON text or, from a JSON body, as themselves.
 */
export class Params {
  constructor(readonly values: Record<string, unknown>) {}

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalidParameter(`Param ${name} must be a string`);
  }

  list(name: string): unknown[] | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (Array.isArray(value)) return value;
    if (typeof value === 'string') {
      const text = value.trim();
      if (text.startsWith('[')) return parseJson(name, text) as unknown[];
      return text.split(',').map((v) => v.trim());
    }
    throw invalidParameter(`Param ${name} must be an array`);
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = typeof value === 'string' ? parseJson(name, value) : value;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameter(`Param ${name} must be an object`);
    return parsed as Record<string, unknown>;
  }

  integer(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text)) throw invalidParameter(`Param ${name} must be an integer`);
    return Number(text);
  }

  /** The `fields` parameter, nested fields included; `fallback` when it is absent. */
  fields(fallback: string[]): FieldRequest[] {
    const value = this.values.fields;
    if (value === undefined || value === '') return fallback.map((name) => ({ name }));
    const text = Array.isArray(value) ? value.join(',') : String(value);
    return parseFields(text);
  }
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidParameter(`Param ${name} must be valid JSON`);
  }
}

/** "id,name,creative{id,name}" → the fields, nested ones with their own. */
export function parseFields(text: string): FieldRequest[] {
  const fields: FieldRequest[] = [];
  let i = 0;
  const read = (): FieldRequest[] => {
    const list: FieldRequest[] = [];
    let name = '';
    const flush = (sub?: FieldRequest[]) => {
      const trimmed = name.trim();
      if (trimmed) list.push(sub ? { name: trimmed, sub } : { name: trimmed });
      name = '';
    };
    while (i < text.length) {
      const ch = text[i++];
      if (ch === ',') flush();
      else if (ch === '{') flush(read());
      else if (ch === '}') break;
      else name += ch;
    }
    flush();
    return list;
  };
  fields.push(...read());
  return fields;
}
