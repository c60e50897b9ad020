import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The tables whose rows people read (the timeline, the digest, the exports) and the audit log
 * binds: every entry that changes one of their rows carries the row's hash just after the change.
 * Columns are named here, not read from the schema, so that a column added later does not change
 * the hash of every row already bound.
 */
export const BOUND_TABLES = {
  decisions: {
    key: 'id',
    columns: [
      'id',
      'created_at',
      'agent_id',
      'campaign_id',
      'kind',
      'before',
      'after',
      'reasoning',
      'confidence',
      'prediction_metric',
      'prediction_window_hours',
      'prediction_point',
      'prediction_low80',
      'prediction_high80',
      'prediction_baseline',
      'metrics',
      'state',
      'idempotency_key',
      'approved_by',
      'error',
      'executed_at',
      'parent_decision_id',
    ],
  },
  agents: {
    key: 'id',
    columns: [
      'id',
      'name',
      'status',
      'definition',
      'created_at',
      'updated_at',
      // An agent's goals live in their own rows; they are part of what the agent is.
      `(SELECT json_group_array(json_array(g.position, g.metric, g.op, g.value, g.per, g.window_days))
         FROM (SELECT * FROM agent_goals WHERE agent_id = t.id ORDER BY position) g)`,
    ],
  },
  alerts: { key: 'id', columns: ['id', 'created_at', 'severity', 'kind', 'agent_id', 'decision_id', 'message', 'state'] },
  conflicts: {
    key: 'id',
    columns: ['id', 'created_at', 'campaign_id', 'setting', 'winner_agent_id', 'loser_agent_id', 'rule', 'winner_proposal', 'loser_proposal', 'reviewed'],
  },
  outcomes: { key: 'decision_id', columns: ['decision_id', 'evaluated_at', 'actual', 'error', 'within_interval', 'direction_correct'] },
} as const;

export type BoundTable = keyof typeof BOUND_TABLES;
export const BOUND_TABLE_NAMES = Object.keys(BOUND_TABLES) as BoundTable[];

/** The SELECT list of a bound table's row, in hashing order, for a row aliased `t`. */
export function rowColumns(table: BoundTable): string {
  return BOUND_TABLES[table].columns.map((c) => (c.startsWith('(') ? c : `t.${c}`)).join(', ');
}

/** A row's hash: sha256 over its table and its values as a JSON array (numbers, text and nulls as SQLite returns them). */
export function rowHash(table: BoundTable, values: readonly unknown[]): string {
  return hash('sha256', JSON.stringify([table, ...values]), 'hex');
}

export interface RowHasher {
  /** The hash of the row as it stands now, or undefined when there is no such row. */
  hashOf(table: BoundTable, key: string): string | undefined;
}

export function createRowHasher(sqlite: Database.Database): RowHasher {
  const statements = new Map<BoundTable, Database.Statement>();
  const statement = (table: BoundTable) => {
    let found = statements.get(table);
    if (!found) {
      found = sqlite.prepare(`SELECT ${rowColumns(table)} FROM ${table} t WHERE t.${BOUND_TABLES[table].key} = ?`).raw();
      statements.set(table, found);
    }
    return found;
  };
  return {
    hashOf(table, key) {
      const values = statement(table).get(key) as unknown[] | undefined;
      return values && rowHash(table, values);
    },
  };
}
