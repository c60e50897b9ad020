import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a campaign lease: this machine, this process, this runtime. A lease's expiry
 * protects against a holder that hangs; a holder that died is recognised at once by its
 * process id, so a restarted host recovers its pending decisions without waiting the lease out.
 */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

export function leaseOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  const id = Number(pid);
  // Another machine's process (a shared network drive): only its lease's expiry can tell.
  if (host !== hostname() || !Number.isInteger(id)) return true;
  if (id === process.pid) return true;
  try {
    process.kill(id, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
