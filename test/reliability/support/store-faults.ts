import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { CHECKPOINT_EVERY, type Store } from '@store/index';
import { newKeyPem } from '@store/audit/signing-key';

/**
 * The ways the store can fail under a pause, each engaged at the moment it matters:
 * - `broken-key`: the signing key file is readable by others (the key refuses to load) and the
 *   log stands one entry short of a checkpoint, so the pause's own entries make one due;
 * - `full-disk`: the operating system refuses every write of this process (a file-size limit
 *   of one byte: what SQLite meets on a full disk, an I/O error on every write);
 * - `io-error`: the store throws an I/O error on every write transaction.
 */
export type StoreFault = 'broken-key' | 'full-disk' | 'io-error';

export interface FaultSwitch {
  engage(): void;
  release(): void;
}

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** A store whose write transactions fail while `failing()` says so; everything else is the store itself. */
export function failingStore(store: Store, failing: () => boolean): Store {
  return {
    ...store,
    immediate<T>(fn: () => T): T {
      if (failing()) throw sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error');
      return store.immediate(fn);
    },
  };
}

/**
 * Lowers this process's file-size limit to one byte (soft limit only, so it can be raised back):
 * every write beyond a file's first byte then fails with EFBIG. SIGXFSZ, which the kernel sends
 * along, is ignored while it lasts, as a server would.
 */
export function fileSizeLimit(): FaultSwitch {
  const ignore = () => undefined;
  const set = (soft: string) => execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${soft}:unlimited`]);
  return {
    engage() {
      process.on('SIGXFSZ', ignore);
      set('1');
    },
    release() {
      set('unlimited');
      process.off('SIGXFSZ', ignore);
    },
  };
}

/** Leaves a key file the store refuses to load (others may read it) and brings the log to one entry short of a due checkpoint. */
export function breakKey(store: Store, keyPath: string, at: number): void {
  if (!existsSync(keyPath)) writeFileSync(keyPath, newKeyPem(), { mode: 0o600 });
  chmodSync(keyPath, 0o644);
  while (store.audit.head().count % CHECKPOINT_EVERY !== CHECKPOINT_EVERY - 1) {
    store.alerts.raise({ createdAt: at, severity: 'info', kind: 'audit', message: 'filler: brings the log to the entry before a checkpoint' });
  }
}
