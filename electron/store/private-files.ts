import { chmodSync, closeSync, openSync, statSync } from 'node:fs';

/** The files SQLite keeps beside a database in WAL mode: they hold the same records. */
export const SQLITE_COMPANIONS = ['-wal', '-shm'] as const;

/**
 * Makes a record file readable by its owner only (0600), creating it so when `create` (SQLite
 * then opens it as it is, and gives its journal files the same mode). Windows has no such modes:
 * the user's profile folder is what keeps the file private there.
 */
export function keepPrivate(path: string, { create = true }: { create?: boolean } = {}): void {
  if (process.platform === 'win32') return;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) return;
    closeSync(openSync(path, 'a', 0o600));
    return;
  }
  if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
}
