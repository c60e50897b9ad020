import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { AcmError } from '@shared/errors';

/**
 * `${F}.lock`: held by the process that runs agents on the database F (the app, `acm serve`)
 * and by a restore while it replaces F, so that a restore never swaps the files under a running
 * host and a host never starts on a half-restored set. It names its holder's process; a lock
 * whose process is gone (a crash, a kill -9) is stale and taken over.
 */

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface DatabaseLock {
  readonly path: string;
  /** Removes the lock file, if it is still this one. */
  release(): void;
}

export function lockPath(database: string): string {
  return `${database}.lock`;
}

function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid) && holder.pid > 0 && typeof holder.host === 'string') return holder;
  } catch {
    // Not ours, or damaged: said below as a holder nobody can check.
  }
  return { pid: 0, host: 'unknown', since: 'unknown' };
}

/** Whether the holder may still be running: a process on another machine, or an unreadable lock, cannot be checked, so it counts as running. */
function mayBeRunning(holder: LockHolder): boolean {
  if (holder.pid === 0 || holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running process that holds the lock of `database`, if any. */
export function lockHolder(database: string): LockHolder | undefined {
  const holder = readHolder(lockPath(database));
  return holder && mayBeRunning(holder) ? holder : undefined;
}

export function inUseError(database: string, holder: LockHolder): AcmError {
  const lock = lockPath(database);
  const checked = holder.pid !== 0 && holder.host === hostname();
  const message = checked
    ? `${database} is in use by process ${holder.pid} (since ${holder.since}): quit the app or stop acm serve first (the lock is ${lock})`
    : // Nothing here can tell whether that process still runs (a hostname that changed since, a damaged file): a person can.
      `${database} is in use by ${holder.pid === 0 ? 'an unreadable lock' : `process ${holder.pid} on ${holder.host} (since ${holder.since})`}: if nothing runs on it any more, delete ${lock}`;
  return new AcmError('CONFLICT', message, { path: database });
}

const held = new Map<string, string>();
const releaseAll = () => {
  for (const [path, content] of held) removeIfOurs(path, content);
};

function removeIfOurs(path: string, content: string): void {
  held.delete(path);
  if (held.size === 0) process.off('exit', releaseAll);
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    // Gone already: nothing to release.
  }
}

/**
 * Takes the lock of `database`, or throws an AcmError('CONFLICT') naming the process that holds it.
 * The lock file appears whole or not at all (written aside, then hard-linked into place, which
 * fails when one is there), and is removed when released or when this process exits.
 */
export function acquireDatabaseLock(database: string): DatabaseLock {
  const path = lockPath(database);
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const content = `${JSON.stringify(holder)}\n`;
  const draft = `${path}.${process.pid}-${Date.now()}`;
  try {
    writeFileSync(draft, content, { mode: 0o600 });
    while (!tryLink(draft, path)) {
      const current = readHolder(path);
      if (current && mayBeRunning(current)) throw inUseError(database, current);
      if (current) takeOverStale(path, current);
    }
  } catch (e) {
    if (e instanceof AcmError) throw e;
    throw new AcmError('UNAVAILABLE', `cannot take the lock ${path}: ${(e as Error).message}`, { path, cause: e });
  } finally {
    rmSync(draft, { force: true });
  }
  if (held.size === 0) process.on('exit', releaseAll);
  held.set(path, content);
  return { path, release: () => (held.get(path) === content ? removeIfOurs(path, content) : undefined) };
}

/** Filesystems without hard links (FAT, some network shares) get the lock written in place instead: exclusive still, only not whole at once. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function tryLink(draft: string, path: string): boolean {
  try {
    linkSync(draft, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw e;
  }
  try {
    writeFileSync(path, readFileSync(draft), { mode: 0o600, flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Moves a stale lock out of the way. Two processes may find the same stale lock: only one
 * rename succeeds; should it have moved a lock another process took in the meantime, that one
 * is put back, and this attempt goes round again (and then finds it held).
 */
function takeOverStale(path: string, stale: LockHolder): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process took the lock meanwhile: it holds it now.
    }
  }
  rmSync(aside, { force: true });
}
