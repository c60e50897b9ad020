import { createPublicKey, verify } from 'node:crypto';
import type { AuditEntry } from '@shared/domain/audit';

/**
 * An `audit.key` entry: the key that signs checkpoints from this entry on. The first one names
 * no previous key; a rotation names the key it replaces and, when that key was still at hand,
 * carries its signature over the new one (an endorsement). A rotation without one is a person's
 * recorded word that the old key was lost; verification reports it either way.
 */
export interface KeyChange {
  /** SPKI PEM. */
  publicKey: string;
  previous: string | null;
  reason: string;
  /** Base64 Ed25519 signature of the previous key over `endorsementMessage(publicKey)`. */
  endorsement?: string;
}

export function endorsementMessage(publicKey: string): string {
  return `acm-audit-key/1\n${publicKey.trim()}`;
}

export function sameKey(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/** The key change an `audit.key` entry records, or what is wrong with it. */
export function keyChangeOf(entry: AuditEntry): { ok: true; value: KeyChange } | { ok: false; problem: string } {
  let value: Partial<KeyChange>;
  try {
    value = JSON.parse(entry.content) as Partial<KeyChange>;
  } catch {
    return { ok: false, problem: `entry ${entry.seq} records a key change that cannot be read` };
  }
  if (typeof value.publicKey !== 'string' || typeof value.reason !== 'string' || (value.previous !== null && typeof value.previous !== 'string')) {
    return { ok: false, problem: `entry ${entry.seq} records a key change without its keys and reason` };
  }
  if (value.endorsement !== undefined && !endorsementHolds(value as KeyChange)) {
    return { ok: false, problem: `entry ${entry.seq} records a key change whose endorsement by the previous key does not verify` };
  }
  return { ok: true, value: value as KeyChange };
}

function endorsementHolds(change: KeyChange): boolean {
  if (change.previous === null || change.endorsement === undefined) return false;
  try {
    return verify(null, Buffer.from(endorsementMessage(change.publicKey)), createPublicKey(change.previous), Buffer.from(change.endorsement, 'base64'));
  } catch {
    return false;
  }
}
