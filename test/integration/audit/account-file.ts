import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '@store/index';
import { writeHistory } from '../../unit/store/audit/account';
import { tempDir } from '../store/temp-dir';

/**
 * A fresh database file per test holding a small account's history (and, with `signed`, a
 * checkpoint of it), removed afterwards. `file.db` is its path.
 */
export function accountFile(options: { signed?: boolean } = {}) {
  const file = { db: '', tmp: tempDir() };
  beforeEach(() => {
    file.tmp = tempDir();
    file.db = file.tmp.file('account.db');
    const store = openDatabase({ path: file.db });
    writeHistory(store);
    if (options.signed) store.audit.checkpoint();
    store.close();
  });
  afterEach(() => file.tmp.remove());
  return file;
}

/** What an attacker holding the file does: drop the guards (triggers, foreign keys), then change rows with SQL. */
export function tamper(db: string, fn: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(db);
  sqlite.pragma('foreign_keys = OFF');
  for (const name of sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
  fn(sqlite);
  sqlite.close();
}
