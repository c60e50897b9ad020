import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcmError } from '@shared/errors';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase, type Store } from '../connection';
import { readKnownMigrations } from '../migrations';
import { copyDatabase, openExisting, type SqliteBinding } from './copy-database';
import { copyKeys, hasKey, keyFiles, readWorkspaceFiles, workspacePath } from './database-set';

export interface CheckOptions extends SqliteBinding {
  /** The backup's home file. */
  from: string;
  migrationsFolder?: string;
}

export interface CheckedFile {
  /** 1 for the home file, else the workspace's id. */
  workspace: number;
  path: string;
  schemaVersion: number;
  auditEntries: number;
}

export interface BackupCheck {
  from: string;
  files: CheckedFile[];
}

/**
 * Whether `from` is a whole backup that this build can put back: the home file and every
 * workspace its registry lists are there, each opens, each audit chain verifies (as
 * `acm audit verify` does it), and each key the log needs to go on signing is beside its file.
 * Only reads the backup. Throws an AcmError naming the first file that fails.
 */
export async function checkBackup(options: CheckOptions): Promise<BackupCheck> {
  const { from } = options;
  if (!existsSync(from)) throw new AcmError('INVALID_INPUT', `${from} does not exist`, { path: from });
  if (!statSync(from).isFile()) throw new AcmError('INVALID_INPUT', `${from} is not a file`, { path: from });
  const home = openExisting(from, options, 'INVALID_INPUT');
  let workspaces;
  try {
    workspaces = readWorkspaceFiles(home, from);
  } finally {
    home.close();
  }
  const files = [await checkOne(from, 1, options)];
  for (const workspace of workspaces) {
    const path = workspacePath(from, workspace);
    if (!existsSync(path)) {
      throw new AcmError('INTEGRITY', `the backup ${from} is incomplete: workspace ${workspace.id}'s database ${path} is missing`, { path });
    }
    files.push(await checkOne(path, workspace.id, options));
  }
  return { from, files };
}

async function checkOne(path: string, workspace: number, options: CheckOptions): Promise<CheckedFile> {
  const folder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  const raw = openExisting(path, options, 'INTEGRITY');
  const version = raw.pragma('user_version', { simple: true }) as number;
  raw.close();
  const older = version < readKnownMigrations(folder).length;
  // A backup from an older build (a copy taken before a migration) is checked as this build will open it: migrated, in a scratch copy.
  const scratch = older ? mkdtempSync(join(tmpdir(), 'acm-check-')) : undefined;
  try {
    const target = scratch ? await scratchCopy(path, join(scratch, 'check.db'), options) : path;
    const store = open(target, path, !scratch, options);
    try {
      const verdict = store.audit.verify();
      if (!verdict.ok) {
        throw new AcmError(
          'INTEGRITY',
          `the audit trail of ${path} does not verify${verdict.seq === null ? '' : ` at entry ${verdict.seq}`}: ${verdict.problem}`,
          {
            path,
          },
        );
      }
      if (store.audit.latestCheckpoint() !== undefined && !hasKey(path)) {
        throw new AcmError(
          'INTEGRITY',
          `the backup is incomplete: ${path} has signed audit checkpoints, but its audit key (${keyFiles(path)[0]}) is not beside it`,
          { path },
        );
      }
      return { workspace, path, schemaVersion: version, auditEntries: verdict.count };
    } finally {
      store.close();
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function open(target: string, path: string, readonly: boolean, options: CheckOptions): Store {
  try {
    return openDatabase({ path: target, readonly, migrationsFolder: options.migrationsFolder, nativeBinding: options.nativeBinding });
  } catch (e) {
    const message = (e as Error).message.split(target).join(path);
    throw new AcmError(e instanceof Error && e.name === 'NewerDatabaseError' ? 'CONFLICT' : 'INTEGRITY', message, { path, cause: e });
  }
}

async function scratchCopy(path: string, scratch: string, options: CheckOptions): Promise<string> {
  const source = openExisting(path, options, 'INTEGRITY');
  try {
    await copyDatabase(source, scratch, options);
  } finally {
    source.close();
  }
  copyKeys(path, scratch);
  return scratch;
}
