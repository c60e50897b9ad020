import type Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AcmError } from '@shared/errors';
import { defaultKeyPath } from '../audit/signing-key';
import { SQLITE_COMPANIONS } from '../private-files';

/**
 * The files that make up one database as the app keeps it, all named from the home file F:
 * F itself, SQLite's journal files, its audit key (a 0600 file, or sealed by the operating
 * system's keychain in the app: electron/host/keychain-vault.ts) and the folder of its other
 * workspaces, `${F}.workspaces/`, each one a database with its key beside it. Renaming every
 * entry from one base name to another moves the whole set and keeps it whole.
 */

/** Where the app keeps the key that signs a database's audit checkpoints: plain (acm) or sealed (the app). */
export function keyFiles(database: string): string[] {
  const plain = defaultKeyPath(database);
  return [plain, `${plain}.sealed`];
}

/** Copies the audit key of `database`, in whichever form it is kept, beside `copy` (mode 0600, never over a file already there). */
export function copyKeys(database: string, copy: string): string[] {
  const written: string[] = [];
  const targets = keyFiles(copy);
  keyFiles(database).forEach((key, i) => {
    if (!existsSync(key)) return;
    writeFileSync(targets[i], readFileSync(key), { mode: 0o600, flag: 'wx' });
    written.push(targets[i]);
  });
  return written;
}

/** True when `database` has its audit key beside it, in either form. */
export function hasKey(database: string): boolean {
  return keyFiles(database).some((key) => existsSync(key));
}

export function workspaceFolder(home: string): string {
  return `${home}.workspaces`;
}

/** Every name the set of `base` may use, the home file last: moving it last makes the home file mark a set that is whole. */
export function setEntries(base: string): string[] {
  return [workspaceFolder(base), ...keyFiles(base), ...SQLITE_COMPANIONS.map((suffix) => `${base}${suffix}`), base];
}

export function existingEntries(base: string): string[] {
  return setEntries(base).filter((entry) => existsSync(entry));
}

/** A workspace the home file's registry lists beside the home file itself. */
export interface WorkspaceFile {
  id: number;
  /** The file's name inside `${home}.workspaces/`. */
  file: string;
}

/** A registry name is a plain file name inside the workspaces folder: never a path that leaves it. */
const PLAIN_NAME = /^(?!\.\.?$)[^/\\]+$/;

/** The workspaces other than the home one, as the registry of `home` lists them (none before the registry existed). */
export function readWorkspaceFiles(sqlite: Database.Database, home: string): WorkspaceFile[] {
  const hasRegistry = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workspaces'`).get();
  if (!hasRegistry) return [];
  const rows = sqlite.prepare('SELECT id, file FROM workspaces ORDER BY id').all() as WorkspaceFile[];
  const others = rows.filter((row) => row.file !== '');
  for (const row of others) {
    if (!PLAIN_NAME.test(row.file)) {
      throw new AcmError('INTEGRITY', `${home}: workspace ${row.id} is registered as '${row.file}', which is not a file name inside ${workspaceFolder(home)}`);
    }
  }
  return others;
}

export function workspacePath(home: string, workspace: WorkspaceFile): string {
  return join(workspaceFolder(home), workspace.file);
}

/** Renames every existing entry of the set `from` to the same entry of `to`; returns the new names, in the order moved. */
export function moveSet(from: string, to: string): string[] {
  const moved: string[] = [];
  for (const entry of setEntries(from)) {
    if (!existsSync(entry)) continue;
    const target = `${to}${entry.slice(from.length)}`;
    renameSync(entry, target);
    moved.push(target);
  }
  return moved;
}

/** A moment as a file name can carry it: 2026-03-08T10-00-00-000Z. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}
