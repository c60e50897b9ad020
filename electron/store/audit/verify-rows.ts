import type Database from 'better-sqlite3';
import { BOUND_TABLE_NAMES, BOUND_TABLES, rowColumns, rowHash, type BoundTable } from './row-binding';

/** What is wrong with one bound row, naming the table, the row and the entry that vouches for it. */
export interface RowFault {
  table: BoundTable;
  key: string;
  /** The entry that last bound the row, if any. */
  seq: number | null;
  problem: string;
}

/**
 * Checks every row of the tables people read against the last audit entry that bound it: a row
 * whose hash differs was edited outside the app, a row no entry bound was inserted outside it,
 * and an entry whose row is gone tells of a deletion. Streams each table once, looking up each
 * row's last binding through the index, so memory stays flat at millions of rows.
 */
export function* rowFaults(sqlite: Database.Database): Generator<RowFault> {
  for (const table of BOUND_TABLE_NAMES) {
    const key = BOUND_TABLES[table].key;
    const last = `(SELECT l.seq || ' ' || l.row_hash FROM audit_log l WHERE l.row_table = '${table}' AND l.subject = t.${key} ORDER BY l.seq DESC LIMIT 1)`;
    const rows = sqlite.prepare(`SELECT ${last}, ${rowColumns(table)} FROM ${table} t ORDER BY t.${key}`).raw();
    for (const [binding, ...values] of rows.iterate() as IterableIterator<[string | null, ...unknown[]]>) {
      const id = String(values[0]);
      if (binding === null) {
        yield { table, key: id, seq: null, problem: `${table} row ${id} has no audit entry: it was inserted outside the app` };
        continue;
      }
      const [seq, bound] = binding.split(' ');
      if (rowHash(table, values) !== bound) {
        yield {
          table,
          key: id,
          seq: Number(seq),
          problem: `${table} row ${id} was changed outside the app: it no longer matches what audit entry ${seq} recorded`,
        };
      }
    }
    const gone = sqlite
      .prepare(
        `SELECT l.subject, max(l.seq) FROM audit_log l WHERE l.row_table = ? AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = l.subject)
       GROUP BY l.subject ORDER BY 2`,
      )
      .raw();
    for (const [id, seq] of gone.iterate(table) as IterableIterator<[string, number]>) {
      yield { table, key: id, seq, problem: `${table} row ${id} was deleted: audit entry ${seq} recorded it` };
    }
  }
}

/** The first fault, if any: what a verdict reports. */
export function firstRowFault(sqlite: Database.Database): RowFault | undefined {
  for (const fault of rowFaults(sqlite)) return fault;
  return undefined;
}
