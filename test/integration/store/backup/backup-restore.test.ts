import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcmError } from '@shared/errors';
import { openDatabase } from '@store/index';
import { backupDatabase } from '@store/backup/backup-database';
import { restoreBackup } from '@store/backup/restore-backup';
import { tempDir } from '../temp-dir';
import { contentOf, withRaw, writeHomeWithWorkspaces } from './database-files';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

const mode = (path: string) => statSync(path).mode & 0o777;
/** The files of a folder but SQLite's journal files, which a read-only look at a database leaves behind. */
const names = (dir: string) =>
  readdirSync(dir)
    .filter((name) => !/-(wal|shm)$/.test(name))
    .sort();
const refusalOf = (fn: () => { close(): void }): unknown => {
  try {
    fn().close();
  } catch (e) {
    return e;
  }
  return undefined;
};
const rejection = async (promise: Promise<unknown>): Promise<AcmError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AcmError);
  return error as AcmError;
};

describe('backing up a database and its workspaces', () => {
  it('copies the home file and every workspace its registry lists, each with its audit key, while the database is open', async () => {
    const home = tmp.file('acm.db');
    const [, ws2, ws3] = writeHomeWithWorkspaces(home);
    const running = openDatabase({ path: home });
    const out = tmp.file('backup.db');

    const report = await backupDatabase({ database: home, out });
    running.close();

    expect(report.files.map((f) => [f.workspace, f.from, f.to])).toEqual([
      [1, home, out],
      [2, ws2, `${out}.workspaces/2.db`],
      [3, ws3, `${out}.workspaces/3.db`],
    ]);
    for (const file of report.files) {
      expect(contentOf(file.to)).toEqual(contentOf(file.from));
      expect(file.keys).toEqual([`${file.to}.audit-key`]);
      expect(readFileSync(`${file.to}.audit-key`, 'utf8')).toBe(readFileSync(`${file.from}.audit-key`, 'utf8'));
      if (process.platform !== 'win32') expect([mode(file.to), mode(`${file.to}.audit-key`)]).toEqual([0o600, 0o600]);
      const store = openDatabase({ path: file.to, readonly: true });
      expect(store.audit.verify()).toMatchObject({ ok: true });
      store.close();
    }
    // One self-contained file per database, and no draft left behind.
    expect(names(tmp.dir)).toEqual(['acm.db', 'acm.db.audit-key', 'acm.db.workspaces', 'backup.db', 'backup.db.audit-key', 'backup.db.workspaces']);
  });

  it('refuses to overwrite any file of an existing backup, and writes nothing', async () => {
    const home = tmp.file('acm.db');
    writeHomeWithWorkspaces(home, 0);
    writeFileSync(tmp.file('backup.db.audit-key'), 'a key kept from before');
    const error = await rejection(backupDatabase({ database: home, out: tmp.file('backup.db') }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(`${tmp.file('backup.db.audit-key')} already exists: a backup never overwrites; name a new file`);
    expect(existsSync(tmp.file('backup.db'))).toBe(false);
  });

  it('leaves nothing under the backup names when a workspace cannot be copied', async () => {
    const home = tmp.file('acm.db');
    const [, , ws3] = writeHomeWithWorkspaces(home);
    rmSync(ws3);
    const error = await rejection(backupDatabase({ database: home, out: tmp.file('backup.db') }));
    expect(error.message).toBe(`${home} lists workspace 3 in ${ws3}, which does not exist`);
    expect(readdirSync(tmp.dir).filter((name) => name.includes('backup'))).toEqual([]);
  });

  it('says so when the file is not a database', async () => {
    const notes = tmp.file('notes.txt');
    writeFileSync(notes, 'x'.repeat(4096));
    const error = await rejection(backupDatabase({ database: notes, out: tmp.file('backup.db') }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(new RegExp(`^${notes.replace(/[.\\]/g, '\\$&')} is not a SQLite database`));
    expect(readdirSync(tmp.dir)).toEqual(['notes.txt']);
  });
});

describe('restoring a backup', () => {
  async function backupOf(home: string, workspaces = 2): Promise<{ out: string; files: string[] }> {
    const files = writeHomeWithWorkspaces(home, workspaces);
    const out = tmp.file('backup.db');
    await backupDatabase({ database: home, out });
    return { out, files };
  }

  it('puts the backup in place and keeps every replaced file aside, renamed with the time', async () => {
    const home = tmp.file('acm.db');
    const { out, files } = await backupOf(home);
    const backedUp = files.map(contentOf);
    // After the backup the app went on: a new agent at home, and a workspace it no longer has.
    const later = openDatabase({ path: home });
    later.agents.create({ id: 'late', name: 'After the backup', definition: {}, goals: [] }, 9);
    later.close();
    const laterHead = contentOf(home).head;

    const report = await restoreBackup({ from: out, database: home, now: () => Date.UTC(2026, 2, 8, 10) });

    const keptAs = `${home}.replaced-2026-03-08T10-00-00-000Z`;
    expect(report.replaces.filter((name) => !/-(wal|shm)$/.test(name))).toEqual([`${home}.workspaces`, `${home}.audit-key`, home]);
    expect(report.kept).toEqual(report.replaces.map((name) => `${keptAs}${name.slice(home.length)}`));
    expect(report.restored).toEqual(files);
    expect(files.map(contentOf)).toEqual(backedUp);
    expect(contentOf(keptAs).head).toEqual(laterHead);
    expect(names(`${keptAs}.workspaces`)).toEqual(['2.db', '2.db.audit-key', '3.db', '3.db.audit-key']);
    // The restored set is the app's again: it opens, signs with its key, and verifies.
    const reopened = openDatabase({ path: home });
    expect(reopened.audit.checkpoint().count).toBeGreaterThan(0);
    expect(reopened.audit.verify()).toMatchObject({ ok: true });
    reopened.close();
    expect(readdirSync(tmp.dir).filter((name) => name.includes('restoring'))).toEqual([]);
  });

  it('restores into a new file, replacing nothing', async () => {
    const { out, files } = await backupOf(tmp.file('acm.db'), 1);
    const target = tmp.file('elsewhere.db');
    const report = await restoreBackup({ from: out, database: target });
    expect(report.kept).toEqual([]);
    expect(contentOf(target)).toEqual(contentOf(files[0]));
    expect(contentOf(`${target}.workspaces/2.db`)).toEqual(contentOf(files[1]));
  });

  it('takes back the copy made before a migration: checked as this build will open it, restored as it was', async () => {
    const home = tmp.file('acm.db');
    cpSync(new URL('../fixtures/schema-4-account.db', import.meta.url), home);
    const migrated = openDatabase({ path: home });
    const copy = migrated.backupBeforeMigration!;
    migrated.close();

    const report = await restoreBackup({ from: copy, database: home });
    expect(report.check.files).toEqual([{ workspace: 1, path: copy, schemaVersion: 4, auditEntries: expect.any(Number) }]);
    expect(withRaw(home, (sqlite) => sqlite.pragma('user_version', { simple: true }))).toBe(4);
    expect(withRaw(copy, (sqlite) => sqlite.pragma('user_version', { simple: true }))).toBe(4);
  });

  it('refuses to replace a database that a running host holds, naming the process', async () => {
    const home = tmp.file('acm.db');
    const { out } = await backupOf(home);
    const host = openDatabase({ path: home, lock: true });
    const before = names(tmp.dir);
    try {
      const error = await rejection(restoreBackup({ from: out, database: home }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe(
        `${home} is in use by process ${process.pid} (since ${JSON.parse(readFileSync(`${home}.lock`, 'utf8')).since}): quit the app or stop acm serve first (the lock is ${home}.lock)`,
      );
    } finally {
      host.close();
    }
    expect(names(tmp.dir)).toEqual(before.filter((name) => name !== 'acm.db.lock'));
    await restoreBackup({ from: out, database: home });
  });

  it('holds the lock while it works, so that a host cannot start on a half-restored set', async () => {
    const home = tmp.file('acm.db');
    const { out } = await backupOf(home);
    let hostStarting: unknown;
    // The restore reads the clock once the copy is in place and just before it swaps the files: a host starts right then.
    await restoreBackup({
      from: out,
      database: home,
      now: () => {
        hostStarting = refusalOf(() => openDatabase({ path: home, lock: true }));
        return Date.UTC(2026, 2, 8);
      },
    });
    expect(hostStarting).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`${home} is in use by process ${process.pid}`) });
    expect(existsSync(`${home}.lock`)).toBe(false);
  });

  describe('refuses a backup that is not whole, changing nothing', () => {
    async function expectRefused(damage: (out: string) => void, message: string | RegExp) {
      const home = tmp.file('acm.db');
      const { out } = await backupOf(home);
      damage(out);
      const before = contentOf(home);
      const error = await rejection(restoreBackup({ from: out, database: home }));
      expect(error.code).toBe('INTEGRITY');
      expect(error.message).toMatch(message);
      expect(contentOf(home)).toEqual(before);
      expect(readdirSync(tmp.dir).filter((name) => name.includes('replaced') || name.includes('restoring'))).toEqual([]);
    }

    it('a workspace file missing', () =>
      expectRefused(
        (out) => rmSync(`${out}.workspaces/3.db`),
        /^the backup .*backup\.db is incomplete: workspace 3's database .*backup\.db\.workspaces\/3\.db is missing$/,
      ));

    it('an audit key missing', () =>
      expectRefused(
        (out) => rmSync(`${out}.workspaces/2.db.audit-key`),
        /^the backup is incomplete: .*2\.db has signed audit checkpoints, but its audit key \(.*2\.db\.audit-key\) is not beside it$/,
      ));

    it('an audit trail that does not verify', () =>
      expectRefused(
        (out) =>
          withRaw(`${out}.workspaces/2.db`, (sqlite) => {
            for (const name of sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[])
              sqlite.exec(`DROP TRIGGER ${name}`);
            sqlite.prepare(`UPDATE audit_log SET content = '{}' WHERE seq = 2`).run();
          }),
        /^the audit trail of .*backup\.db\.workspaces\/2\.db does not verify at entry 2: /,
      ));

    it('a workspace file that is not a database', () =>
      expectRefused((out) => writeFileSync(`${out}.workspaces/2.db`, 'x'.repeat(8192)), /backup\.db\.workspaces\/2\.db is not a SQLite database/));
  });
});
