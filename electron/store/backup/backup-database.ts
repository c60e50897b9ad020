import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AcmError } from '@shared/errors';
import { copyDatabase, openExisting, writeFailure, type SqliteBinding } from './copy-database';
import { copyKeys, existingEntries, moveSet, readWorkspaceFiles, workspaceFolder, workspacePath } from './database-set';

export interface BackupOptions extends SqliteBinding {
  /** The home database: its own file and every workspace its registry lists are backed up. */
  database: string;
  /** The backup's home file; its workspaces go to `${out}.workspaces/`, each key beside its file. */
  out: string;
}

/** One database of the backup and where it came from. */
export interface BackedUpFile {
  /** 1 for the home file, else the workspace's id in the registry. */
  workspace: number;
  from: string;
  to: string;
  /** The audit key files written beside `to`. */
  keys: string[];
}

export interface BackupReport {
  out: string;
  files: BackedUpFile[];
}

/** Refuses, naming it, any file of the backup set `out` that is there already: a backup never overwrites. */
export function refuseExisting(out: string): void {
  const there = existingEntries(out);
  if (there.length === 0) return;
  const named = there.includes(out) ? out : there[0];
  throw new AcmError('INVALID_INPUT', `${named} already exists: a backup never overwrites; name a new file`, { path: named });
}

/**
 * Backs up a home database and its workspaces with SQLite's online backup, while a host may be
 * running on them. The copies are written into a draft folder beside `out` and renamed into
 * place once all are whole (the home file last), so a failed backup leaves nothing under the
 * backup's names. Each workspace listed by the home file's copy is copied after it: the backup's
 * registry and its files agree.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupReport> {
  const { database, out } = options;
  refuseExisting(out);
  if (!existsSync(dirname(out))) throw new AcmError('INVALID_INPUT', `the folder of ${out} does not exist`, { path: out });
  const home = openExisting(database, options, 'INVALID_INPUT');
  let draftFolder: string | undefined;
  try {
    draftFolder = makeDraftFolder(out);
    const draft = join(draftFolder, basename(out));
    const files = [await copyOne(home, { workspace: 1, from: database, to: out }, draft, options)];
    const draftHome = openExisting(draft, options, 'INTEGRITY');
    let workspaces;
    try {
      workspaces = readWorkspaceFiles(draftHome, database);
    } finally {
      draftHome.close();
    }
    if (workspaces.length > 0) mkdirSync(workspaceFolder(draft), { mode: 0o700 });
    for (const workspace of workspaces) {
      const from = workspacePath(database, workspace);
      if (!existsSync(from)) throw new AcmError('NOT_FOUND', `${database} lists workspace ${workspace.id} in ${from}, which does not exist`, { path: from });
      const source = openExisting(from, options, 'INTEGRITY');
      try {
        files.push(await copyOne(source, { workspace: workspace.id, from, to: workspacePath(out, workspace) }, workspacePath(draft, workspace), options));
      } finally {
        source.close();
      }
    }
    refuseExisting(out);
    commit(draft, out);
    return { out, files };
  } finally {
    home.close();
    if (draftFolder) rmSync(draftFolder, { recursive: true, force: true });
  }
}

/** A hidden folder beside `out` (so that the final renames stay on one filesystem), named after it. */
function makeDraftFolder(out: string): string {
  try {
    return mkdtempSync(join(dirname(out), `.${basename(out)}.partial-`));
  } catch (e) {
    throw writeFailure('the backup', out, e);
  }
}

async function copyOne(source: Database.Database, file: Omit<BackedUpFile, 'keys'>, draft: string, binding: SqliteBinding): Promise<BackedUpFile> {
  try {
    await copyDatabase(source, draft, binding);
    const keys = copyKeys(file.from, draft).map((key) => `${file.to}${key.slice(draft.length)}`);
    return { ...file, keys };
  } catch (e) {
    throw writeFailure('the backup of', file.from, e);
  }
}

/** Moves the whole draft set to its names; should a rename fail, what was moved goes back, leaving no partial backup. */
function commit(draft: string, out: string): void {
  try {
    moveSet(draft, out);
  } catch (e) {
    moveBack(out, draft);
    throw writeFailure('the backup', out, e);
  }
}

function moveBack(out: string, draft: string): void {
  try {
    moveSet(out, draft);
  } catch {
    // The draft folder is removed next; what could not be moved back is said by the error that follows.
  }
}
