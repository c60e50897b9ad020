import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type * as schema from '../schema';

export type StoreDb = BetterSQLite3Database<typeof schema>;

/** What every repository is built from: one connection, seen raw and through drizzle, and the audit log it appends to. */
export interface Handles {
  sqlite: Database.Database;
  db: StoreDb;
  audit: AuditLog;
}
