import Database from 'better-sqlite3';
import { AcmError } from '@shared/errors';
import { BUSY_TIMEOUT_MS } from '../connection';
import { keepPrivate } from '../private-files';

export interface SqliteBinding {
  /** A better_sqlite3.node built for another runtime (the Electron app's). */
  nativeBinding?: string;
}

/**
 * A connection for copying `path`, which must already be a database. Read-write, though it only
 * reads: a read-only connection to a WAL file leaves its journal files behind when it closes.
 */
export function openExisting(path: string, binding: SqliteBinding, code: 'INVALID_INPUT' | 'INTEGRITY'): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { fileMustExist: true, nativeBinding: binding.nativeBinding });
  } catch (e) {
    throw new AcmError(code, `cannot open ${path}: ${(e as Error).message}`, { path, cause: e });
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // SQLite reads the header lazily: a file that is not a database is found out at the first query.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    sqlite.close();
    throw new AcmError(code, `${path} is not a SQLite database (${(e as Error).message})`, { path, cause: e });
  }
  return sqlite;
}

/** Pages copied per step: small enough to let the event loop breathe, large enough to finish between a busy host's writes. */
const PAGES_PER_STEP = 1024;

/**
 * SQLite's online backup of `source` (open, perhaps written to meanwhile by a running host) into
 * the new file `dest` (mode 0600, as every record file), left in rollback-journal mode: a backup is one self-contained file, and a
 * read-only look at it leaves nothing beside it. A write by another connection restarts the copy;
 * after one restart the rest goes in a single step, so a busy host cannot keep it from finishing.
 */
export async function copyDatabase(source: Database.Database, dest: string, binding: SqliteBinding): Promise<void> {
  let remaining = Infinity;
  keepPrivate(dest);
  await source.backup(dest, {
    progress: ({ remainingPages }) => {
      const restarted = remainingPages > remaining;
      remaining = remainingPages;
      return restarted ? 0x7fffffff : PAGES_PER_STEP;
    },
  });
  const copy = new Database(dest, { nativeBinding: binding.nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AcmError('INTEGRITY', `the copy of ${source.name} in ${dest} does not check out: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** The message of a failure to write, naming the file: a full disk, a folder that went away. */
export function writeFailure(what: string, dest: string, e: unknown): AcmError {
  if (e instanceof AcmError) return e;
  return new AcmError('UNAVAILABLE', `could not write ${what} ${dest}: ${(e as Error).message}`, { path: dest, cause: e });
}
