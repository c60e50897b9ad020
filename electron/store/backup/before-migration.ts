import type Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { AcmError } from '@shared/errors';
import { copyKeys, fileStamp, keyFiles } from './database-set';

/** `${F}.before-v${n}.bak`: the file as it was before this build migrated it to schema version n; a second one gets the moment in its name. */
export function beforeMigrationPath(database: string, targetVersion: number, now = Date.now()): string {
  const plain = `${database}.before-v${targetVersion}.bak`;
  return existsSync(plain) ? `${database}.before-v${targetVersion}.${fileStamp(now)}.bak` : plain;
}

/**
 * Copies the database (with its audit key) before a migration touches it, so that an operator
 * can go back to the build that wrote it. VACUUM INTO is a consistent snapshot taken in one
 * synchronous statement, which suits the opening of a database; it writes to a draft name that
 * is renamed once whole. When the copy cannot be made, nothing is migrated.
 */
export function backupBeforeMigration(sqlite: Database.Database, database: string, fromVersion: number, toVersion: number): string {
  const target = beforeMigrationPath(database, toVersion);
  const draft = `${target}.partial-${process.pid}`;
  try {
    rmSync(draft, { force: true });
    sqlite.prepare('VACUUM INTO ?').run(draft);
    copyKeys(database, draft);
    for (const [i, key] of keyFiles(draft).entries()) if (existsSync(key)) renameSync(key, keyFiles(target)[i]);
    renameSync(draft, target);
    return target;
  } catch (e) {
    for (const leftover of [draft, ...keyFiles(draft), ...keyFiles(target)]) removeQuietly(leftover);
    throw new AcmError(
      'UNAVAILABLE',
      `could not back up ${database} before migrating it from schema version ${fromVersion} to ${toVersion} (${(e as Error).message}); nothing was migrated`,
      { path: database, cause: e },
    );
  }
}

/** Clearing up after a failure must not hide the failure. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left as it is: the error thrown names what went wrong first.
  }
}
