import type Database from 'better-sqlite3';
import type { DecisionCursor, DecisionFilter } from '@shared/domain/decision-log';

/** The filter as SQL over `decisions`, the same conditions the repository's keyset pages apply. */
function whereOf(filter: DecisionFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (filter.agentId !== undefined) add('agent_id = ?', filter.agentId);
  if (filter.campaignId !== undefined) add('campaign_id = ?', filter.campaignId);
  if (filter.states) add(`state IN (${filter.states.map(() => '?').join(', ')})`, ...filter.states);
  if (filter.kinds) add(`kind IN (${filter.kinds.map(() => '?').join(', ')})`, ...filter.kinds);
  if (filter.from !== undefined) add('created_at >= ?', filter.from);
  if (filter.to !== undefined) add('created_at < ?', filter.to);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** How many decisions match the filter. */
export function countDecisions(sqlite: Database.Database, filter: DecisionFilter = {}): number {
  const { sql, params } = whereOf(filter);
  return sqlite
    .prepare(`SELECT count(*) FROM decisions ${sql}`)
    .pluck()
    .get(...params) as number;
}

/**
 * The keyset cursor from which the repository's page starts at the `offset`-th matching decision,
 * newest first: the row just before it. Only the (created_at, id) pair is read, off an index, so a
 * jump to the end of a million rows skips them without loading them. Undefined for offset 0.
 */
export function cursorAtOffset(sqlite: Database.Database, filter: DecisionFilter, offset: number): DecisionCursor | undefined {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`decisions offset must be a whole number of rows, 0 or more, got ${offset}`);
  if (offset === 0) return undefined;
  const { sql, params } = whereOf(filter);
  const row = sqlite
    .prepare(`SELECT created_at AS createdAt, id FROM decisions ${sql} ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?`)
    .get(...params, offset - 1) as DecisionCursor | undefined;
  // Past the last row: a cursor older than every decision, so the page is empty.
  return row ?? { createdAt: Number.MIN_SAFE_INTEGER, id: '' };
}
