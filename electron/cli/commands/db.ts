import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backupDatabase, refuseExisting } from '@store/backup/backup-database';
import { restoreBackup } from '@store/backup/restore-backup';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';

type Values = Record<string, string | undefined>;

/** An existing database file given with `--flag`. */
function existingFile(values: Values, flag: string): string {
  const given = values[flag];
  if (given === undefined) throw new UsageError(`--${flag} FILE is required`);
  const path = resolve(given);
  if (!existsSync(path)) throw new UsageError(`--${flag}: no such file '${given}'`);
  if (!statSync(path).isFile()) throw new UsageError(`--${flag}: '${given}' is not a file`);
  return path;
}

/** A file to write with `--flag`, in a folder that exists. */
function newFile(values: Values, flag: string): string {
  const given = values[flag];
  if (given === undefined) throw new UsageError(`--${flag} FILE is required`);
  const path = resolve(given);
  if (!existsSync(dirname(path))) throw new UsageError(`--${flag}: the folder of '${given}' does not exist`);
  return path;
}

function describeWorkspace(workspace: number): string {
  return workspace === 1 ? 'the home database' : `workspace ${workspace}`;
}

export const dbBackupCommand: Command = {
  name: 'db backup',
  summary: 'Back up a database and its workspaces (SQLite online backup, safe while the app runs), each with its audit key',
  usage: 'acm db backup --db FILE --out FILE',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const database = existingFile(values, 'db');
    const out = newFile(values, 'out');
    try {
      refuseExisting(out);
    } catch (e) {
      throw new UsageError(`--out: ${(e as Error).message}`);
    }
    const report = await backupDatabase({ database, out });
    for (const file of report.files) {
      io.out(`wrote ${file.to} (${describeWorkspace(file.workspace)}, from ${file.from})`);
      for (const key of file.keys) io.out(`wrote ${key} (its audit key)`);
    }
    return 0;
  },
};

export const dbRestoreCommand: Command = {
  name: 'db restore',
  summary: 'Put a backup in place of a database that no host is running on, keeping the replaced files aside',
  usage: 'acm db restore --from FILE --db FILE',
  options: { from: { type: 'string' }, db: { type: 'string' } },
  async run(args: ParsedArgs, io: CommandIO) {
    const values = args.values as Values;
    const from = existingFile(values, 'from');
    const database = newFile(values, 'db');
    if (from === database) throw new UsageError(`--from and --db name the same file '${values.db}'`);
    const report = await restoreBackup({ from, database });
    for (const file of report.check.files) {
      io.out(`checked ${file.path}: schema version ${file.schemaVersion}, audit trail intact (${file.auditEntries} entries)`);
    }
    for (const path of report.restored) io.out(`restored ${path}`);
    report.replaces.forEach((replaced, i) => io.out(`kept the replaced ${replaced} as ${report.kept[i]}`));
    return 0;
  },
};

export const dbCommands: Command[] = [dbBackupCommand, dbRestoreCommand];
