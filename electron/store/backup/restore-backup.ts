import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AcmError } from '@shared/errors';
import { checkBackup, type BackupCheck, type CheckOptions } from './check-backup';
import { copyDatabase, openExisting, writeFailure } from './copy-database';
import { acquireDatabaseLock, inUseError, lockHolder } from './database-lock';
import { copyKeys, existingEntries, fileStamp, moveSet, readWorkspaceFiles, workspaceFolder, workspacePath } from './database-set';

export interface RestoreOptions extends CheckOptions {
  /** The home database to replace (or create). */
  database: string;
  /** Names the set kept aside; default the wall clock. */
  now?: () => number;
}

export interface RestorePlan {
  check: BackupCheck;
  /** The files of the database that the restore moves aside: none for a new one. */
  replaces: string[];
}

export interface RestoreReport extends RestorePlan {
  /** Where each replaced file went, under `<database>.replaced-<time>`: `replaces[i]` is now `kept[i]`. */
  kept: string[];
  /** The database files now in place. */
  restored: string[];
}

function refuseBadTarget(options: RestoreOptions): void {
  const { from, database } = options;
  if (resolve(from) === resolve(database)) throw new AcmError('INVALID_INPUT', `${from} is the database itself; name a backup to restore from`, { path: from });
  if (!existsSync(dirname(database))) throw new AcmError('INVALID_INPUT', `the folder of ${database} does not exist`, { path: database });
  if (existsSync(database) && !statSync(database).isFile()) throw new AcmError('INVALID_INPUT', `${database} is not a file`, { path: database });
}

/**
 * What a restore of `from` over `database` would do, having checked the backup whole; changes
 * nothing, and asks no lock (the app plans while it still runs, then stops to restore).
 */
export async function planRestore(options: RestoreOptions): Promise<RestorePlan> {
  refuseBadTarget(options);
  const check = await checkBackup(options);
  return { check, replaces: existingEntries(options.database) };
}

/**
 * Puts the backup `from` (its home file, its workspaces, their keys) in place of `database`.
 * The backup is checked whole first, and copied beside the database before anything there
 * moves; the files it replaces are renamed together to `<database>.replaced-<time>` (a set
 * `acm db restore` can take back), never deleted. Holds the database's lock throughout, and
 * refuses when a running host holds it. When a step fails, everything goes back as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { from, database } = options;
  const holder = lockHolder(database);
  if (holder) throw inUseError(database, holder);
  const plan = await planRestore(options);
  const lock = acquireDatabaseLock(database);
  let draftFolder: string | undefined;
  try {
    draftFolder = mkdtempSync(join(dirname(database), `.${basename(database)}.restoring-`));
    const draft = join(draftFolder, basename(database));
    await copySet(from, draft, options);
    // Read again under the lock: a host that stopped since the plan may have left other files.
    const replaces = existingEntries(database);
    const keptAs = replaces.length > 0 ? `${database}.replaced-${fileStamp((options.now ?? Date.now)())}` : undefined;
    const kept = swapIn(draft, database, keptAs);
    return { check: plan.check, replaces, kept, restored: plan.check.files.map((file) => `${database}${file.path.slice(from.length)}`) };
  } catch (e) {
    throw writeFailure('the restored database', database, e);
  } finally {
    if (draftFolder) rmSync(draftFolder, { recursive: true, force: true });
    lock.release();
  }
}

/** Copies the backup set `from` to the set `to`, each database by SQLite's online backup. */
async function copySet(from: string, to: string, options: RestoreOptions): Promise<void> {
  const home = openExisting(from, options, 'INTEGRITY');
  try {
    await copyDatabase(home, to, options);
    const workspaces = readWorkspaceFiles(home, from);
    if (workspaces.length > 0) mkdirSync(workspaceFolder(to), { mode: 0o700 });
    for (const workspace of workspaces) {
      const source = openExisting(workspacePath(from, workspace), options, 'INTEGRITY');
      try {
        await copyDatabase(source, workspacePath(to, workspace), options);
      } finally {
        source.close();
      }
      copyKeys(workspacePath(from, workspace), workspacePath(to, workspace));
    }
  } finally {
    home.close();
  }
  copyKeys(from, to);
}

/** Moves the current set aside and the draft in; on a failure, the draft goes back out and the current set back in. */
function swapIn(draft: string, database: string, keptAs: string | undefined): string[] {
  let kept: string[] | undefined;
  try {
    kept = keptAs ? moveSet(database, keptAs) : [];
    moveSet(draft, database);
    return kept;
  } catch (e) {
    try {
      // Once the current set is aside, whatever bears the database's names came from the draft.
      if (kept) moveSet(database, draft);
      if (keptAs) moveSet(keptAs, database);
    } catch (undo) {
      throw new AcmError(
        'UNAVAILABLE',
        `restoring ${database} failed (${(e as Error).message}), and so did putting its files back (${(undo as Error).message}): they are kept as ${keptAs}…`,
        { path: database, cause: e },
      );
    }
    throw e;
  }
}
