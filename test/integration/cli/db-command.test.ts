import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acm } from '../audit/cli-io';
import { tempDir } from '../store/temp-dir';
import { contentOf, withRaw, writeHomeWithWorkspaces } from '../store/backup/database-files';

let tmp: ReturnType<typeof tempDir>;
let host: ChildProcess | undefined;
beforeEach(() => (tmp = tempDir()));
afterEach(() => {
  host?.kill('SIGKILL');
  host = undefined;
  tmp.remove();
});

const holdLockScript = fileURLToPath(new URL('../store/backup/support/hold-lock.ts', import.meta.url));

/** A process holding the database's lock, as `acm serve` or the app does while it runs. */
async function runningHostOn(database: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', holdLockScript, database], { stdio: ['ignore', 'pipe', 'inherit'] });
  host = child;
  await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()));
  return child.pid!;
}

describe('acm db backup', () => {
  it('writes the backup and says each file it wrote', async () => {
    const home = tmp.file('acm.db');
    writeHomeWithWorkspaces(home, 1);
    const out = tmp.file('monday.db');
    const result = await acm('db', 'backup', '--db', home, '--out', out);
    expect(result).toEqual({
      code: 0,
      out: [
        `wrote ${out} (the home database, from ${home})`,
        `wrote ${out}.audit-key (its audit key)`,
        `wrote ${out}.workspaces/2.db (workspace 2, from ${home}.workspaces/2.db)`,
        `wrote ${out}.workspaces/2.db.audit-key (its audit key)`,
      ].join('\n'),
      err: '',
    });
  });

  it.each([
    [['--out', 'b.db'], 'acm db backup: --db FILE is required'],
    [['--db', 'missing.db', '--out', 'b.db'], "acm db backup: --db: no such file 'missing.db'"],
    [['--db', '{home}'], 'acm db backup: --out FILE is required'],
    [['--db', '{home}', '--out', '{tmp}/no-such-folder/b.db'], "acm db backup: --out: the folder of '{tmp}/no-such-folder/b.db' does not exist"],
    [['--db', '{home}', '--out', '{home}'], 'acm db backup: --out: {home} already exists: a backup never overwrites; name a new file'],
    [['--db', '{tmp}/notes.txt', '--out', '{tmp}/b.db'], /^acm db backup: .*notes\.txt is not a SQLite database \(file is not a database\)$/],
  ])('bad input %j: one line, exit code 2, nothing written', async (args, message) => {
    const home = tmp.file('acm.db');
    writeHomeWithWorkspaces(home, 0);
    writeFileSync(tmp.file('notes.txt'), 'x'.repeat(4096));
    const fill = (text: string) => text.replaceAll('{home}', home).replaceAll('{tmp}', tmp.dir);
    const before = readdirSync(tmp.dir).sort();
    const result = await acm('db', 'backup', ...args.map(fill));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    if (typeof message === 'string') expect(result.err).toBe(fill(message));
    else expect(result.err).toMatch(message);
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  });
});

describe('acm db restore', () => {
  async function backedUp(): Promise<{ home: string; out: string }> {
    const home = tmp.file('acm.db');
    writeHomeWithWorkspaces(home, 1);
    const out = tmp.file('monday.db');
    expect((await acm('db', 'backup', '--db', home, '--out', out)).code).toBe(0);
    return { home, out };
  }

  it('checks the backup, restores it and says where the replaced files went', async () => {
    const { home, out } = await backedUp();
    const result = await acm('db', 'restore', '--from', out, '--db', home);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(new RegExp(`^checked ${out}: schema version \\d+, audit trail intact \\(\\d+ entries\\)$`)),
      expect.stringMatching(new RegExp(`^checked ${out}\\.workspaces/2\\.db: schema version \\d+, audit trail intact \\(\\d+ entries\\)$`)),
      `restored ${home}`,
      `restored ${home}.workspaces/2.db`,
    ]);
    expect(lines.slice(4)).toContain(`kept the replaced ${home} as ${home}.replaced-${lines.at(-1)!.match(/replaced-([\dT-]+Z)$/)![1]}`);
    expect(contentOf(home)).toEqual(contentOf(out));
  });

  it('refuses, exit code 1, while a host runs on the database, and changes nothing', async () => {
    const { home, out } = await backedUp();
    const pid = await runningHostOn(home);
    const before = readdirSync(tmp.dir).sort();
    const result = await acm('db', 'restore', '--from', out, '--db', home);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `^acm db restore: ${home} is in use by process ${pid} \\(since [^)]+\\): quit the app or stop acm serve first \\(the lock is ${home}\\.lock\\)$`,
      ),
    );
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  });

  it('refuses, exit code 1, a backup whose audit trail does not verify', async () => {
    const { home, out } = await backedUp();
    withRaw(out, (sqlite) => {
      for (const name of sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
      sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    });
    const result = await acm('db', 'restore', '--from', out, '--db', home);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`acm db restore: the audit trail of ${out} does not verify at entry 3: entry 3 is missing: the log goes from entry 2 to entry 4`);
    expect(readdirSync(tmp.dir).some((name) => name.includes('replaced'))).toBe(false);
  });

  it.each([
    [['--db', '{home}'], 'acm db restore: --from FILE is required'],
    [['--from', '{tmp}/missing.db', '--db', '{home}'], "acm db restore: --from: no such file '{tmp}/missing.db'"],
    [['--from', '{out}'], 'acm db restore: --db FILE is required'],
    [['--from', '{home}', '--db', '{home}'], "acm db restore: --from and --db name the same file '{home}'"],
    [['--from', '{out}', '--db', '{tmp}/gone/acm.db'], "acm db restore: --db: the folder of '{tmp}/gone/acm.db' does not exist"],
    [['--from', '{tmp}/notes.txt', '--db', '{home}'], /^acm db restore: .*notes\.txt is not a SQLite database \(file is not a database\)$/],
  ])('bad input %j: one line, exit code 2, nothing changed', async (args, message) => {
    const { home, out } = await backedUp();
    writeFileSync(tmp.file('notes.txt'), 'x'.repeat(4096));
    const fill = (text: string) => text.replaceAll('{home}', home).replaceAll('{out}', out).replaceAll('{tmp}', tmp.dir);
    const before = readdirSync(tmp.dir).sort();
    const result = await acm('db', 'restore', ...args.map(fill));
    expect(result.code).toBe(2);
    if (typeof message === 'string') expect(result.err).toBe(fill(message));
    else expect(result.err).toMatch(message);
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
    expect(existsSync(`${home}.lock`)).toBe(false);
  });
});
