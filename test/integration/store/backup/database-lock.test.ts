import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcmError } from '@shared/errors';
import { acquireDatabaseLock, lockHolder } from '@store/backup/database-lock';
import { openDatabase } from '@store/index';
import { tempDir } from '../temp-dir';

let tmp: ReturnType<typeof tempDir>;
let children: ChildProcess[] = [];
beforeEach(() => (tmp = tempDir()));
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children = [];
  tmp.remove();
});

const holdLockScript = fileURLToPath(new URL('./support/hold-lock.ts', import.meta.url));

/** Starts another process that takes the lock of `database`; resolves once it holds it (with 'exit': once it has ended). */
async function otherProcessHolding(database: string, then?: 'exit'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holdLockScript, database, ...(then ? [then] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    if (then !== 'exit') child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.once('exit', (code) => (then === 'exit' && code === 0 ? resolve() : reject(new Error(`the lock holder exited with ${code}`))));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** The pid of a process that has ended: what a lock left by a crash names. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

function refusal(fn: () => unknown): AcmError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AcmError);
    return e as AcmError;
  }
  throw new Error('expected a refusal');
}

describe('the database lock', () => {
  it('is held by one process at a time and names the holder to the others', async () => {
    const database = tmp.file('acm.db');
    const child = await otherProcessHolding(database);
    expect(lockHolder(database)).toMatchObject({ pid: child.pid, host: hostname() });
    const error = refusal(() => acquireDatabaseLock(database));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(
      new RegExp(`^.*acm\\.db is in use by process ${child.pid} \\(since [^)]+\\): quit the app or stop acm serve first \\(the lock is .*acm\\.db\\.lock\\)$`),
    );
  });

  it('is given back when its process ends, and taken over after a crash (kill -9)', async () => {
    const database = tmp.file('acm.db');
    await otherProcessHolding(database, 'exit');
    expect(existsSync(`${database}.lock`)).toBe(false);

    const crashed = await otherProcessHolding(database);
    crashed.kill('SIGKILL');
    await exited(crashed);
    expect(existsSync(`${database}.lock`)).toBe(true);
    expect(lockHolder(database)).toBeUndefined();
    const lock = acquireDatabaseLock(database);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second holder in the same process, and frees the file on release', () => {
    const database = tmp.file('acm.db');
    const lock = acquireDatabaseLock(database);
    expect(refusal(() => acquireDatabaseLock(database)).message).toContain(`in use by process ${process.pid}`);
    lock.release();
    acquireDatabaseLock(database).release();
  });

  it('takes over a lock whose process is gone', () => {
    const database = tmp.file('acm.db');
    writeFileSync(`${database}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-05T00:00:00.000Z' }));
    const lock = acquireDatabaseLock(database);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('counts as held when it cannot be checked: a holder on another machine, or a lock it cannot read', () => {
    const database = tmp.file('acm.db');
    writeFileSync(`${database}.lock`, JSON.stringify({ pid: deadPid(), host: 'studio-mac.local', since: '2026-01-05T00:00:00.000Z' }));
    expect(refusal(() => acquireDatabaseLock(database)).message).toMatch(
      /acm\.db is in use by process \d+ on studio-mac\.local \(since 2026-01-05T00:00:00\.000Z\): if nothing runs on it any more, delete .*acm\.db\.lock$/,
    );
    writeFileSync(`${database}.lock`, 'not a lock');
    expect(refusal(() => acquireDatabaseLock(database)).message).toBe(
      `${database} is in use by an unreadable lock: if nothing runs on it any more, delete ${database}.lock`,
    );
  });

  it('releases only its own lock', () => {
    const database = tmp.file('acm.db');
    const lock = acquireDatabaseLock(database);
    const another = JSON.stringify({ pid: 1, host: hostname(), since: 'later' });
    writeFileSync(lock.path, another);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(another);
  });

  it('is held by a store opened with `lock` until it closes', () => {
    const database = tmp.file('acm.db');
    const store = openDatabase({ path: database, lock: true });
    expect(lockHolder(database)?.pid).toBe(process.pid);
    expect(() => openDatabase({ path: database, lock: true })).toThrow(`${database} is in use by process ${process.pid}`);
    store.close();
    expect(existsSync(`${database}.lock`)).toBe(false);
    openDatabase({ path: database }).close();
  });
});
