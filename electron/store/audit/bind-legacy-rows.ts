import type Database from 'better-sqlite3';
import { toJson } from '../json';
import type { AuditLog } from './audit-log';
import { BOUND_TABLE_NAMES, BOUND_TABLES } from './row-binding';

/** The schema version from which every row people read is bound to the chain as it is written. */
export const ROWS_BOUND_FROM_VERSION = 5;

/**
 * Rows written before rows were bound get one `record.bound` entry each, binding them as they
 * stand at the upgrade: from then on an edit, deletion or insertion is caught like any other.
 * (What happened to them before the upgrade only the chain's own entries can tell.)
 */
export function bindLegacyRows(sqlite: Database.Database, log: AuditLog): number {
  let bound = 0;
  sqlite
    .transaction(() => {
      for (const table of BOUND_TABLE_NAMES) {
        const key = BOUND_TABLES[table].key;
        const unbound = sqlite
          .prepare(
            `SELECT t.${key} FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.row_table = ? AND l.subject = t.${key}) ORDER BY t.${key}`,
          )
          .pluck()
          .all(table) as string[];
        for (const id of unbound) {
          log.append({
            kind: 'record.bound',
            subject: id,
            content: toJson({ table, reason: `bound at the upgrade to schema version ${ROWS_BOUND_FROM_VERSION}` }, `${table} ${id}`),
            row: table,
          });
          bound++;
        }
      }
    })
    .immediate();
  return bound;
}
