import type Database from 'better-sqlite3';
import { GENESIS_HASH, type AuditCheckpoint, type AuditEntry } from '@shared/domain/audit';
import { ENTRY_COLUMNS } from './audit-log';
import { createCheckpointStore, signatureHolds } from './checkpoints';
import { entryHash } from './entry-hash';
import { keyChangeOf, sameKey, type KeyChange } from './key-change';

/** A signed head the log must still extend, and where it came from (for the message). */
export interface Anchor {
  checkpoint: AuditCheckpoint;
  source: string;
}

/** A change of signing key the log records, as verification reports it. */
export interface KeyEvent {
  seq: number;
  reason: string;
  /** Whether the key it replaced signed the change (false when that key was lost). */
  endorsed: boolean;
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string; anchors: number; keyEvents: KeyEvent[] }
  | {
      ok: false;
      /** The first bad entry, or null when the fault is not in one entry (a bad signature). */
      seq: number | null;
      problem: string;
    };

export interface VerifyOptions {
  /** Digests kept elsewhere, in addition to the checkpoints stored in the database. */
  anchors?: readonly Anchor[];
  /** The current signing key's public key, when known: the key in force at the head must be it. */
  publicKey?: string;
  /**
   * Start after this entry, already verified (a checkpoint whose signature holds, or a head this
   * process verified): only what follows it is recomputed. The whole chain by default.
   */
  from?: { count: number; hash: string };
}

type Broken = Extract<ChainVerdict, { ok: false }>;
const broken = (seq: number | null, problem: string): Broken => ({ ok: false, seq, problem });

/** Checks one entry against the two before it; returns what is wrong, naming the first bad entry. */
function checkLink(row: AuditEntry, expected: number, prev: string, prevPrev: string | undefined): Broken | undefined {
  if (row.seq !== expected) return broken(expected, `entry ${expected} is missing: the log goes from entry ${expected - 1} to entry ${row.seq}`);
  const selfConsistent = entryHash(row) === row.hash;
  if (row.prevHash !== prev) {
    if (prevPrev !== undefined && row.prevHash === prevPrev) {
      return broken(row.seq - 1, `entry ${row.seq - 1} was inserted: entry ${row.seq} chains to entry ${row.seq - 2}`);
    }
    if (selfConsistent && row.seq > 1) {
      return broken(row.seq - 1, `entry ${row.seq - 1} was altered and its hash recomputed: entry ${row.seq} records another hash for it`);
    }
    return broken(row.seq, `entry ${row.seq} is out of place: it does not chain to entry ${row.seq - 1} (entries were reordered, replaced or inserted)`);
  }
  if (!selfConsistent) return broken(row.seq, `entry ${row.seq} was altered: its content does not match its hash`);
  return undefined;
}

function checkSignatures(anchors: readonly Anchor[]): Broken | undefined {
  for (const { checkpoint, source } of anchors) {
    if (!signatureHolds(checkpoint)) return broken(null, `${source}: its signature does not verify (the checkpoint was forged or altered)`);
  }
  return undefined;
}

/**
 * The key that signs checkpoints, as the log goes: the one its latest key entry names, or, in a
 * log from before keys were recorded, the one its first checkpoint was signed with. A checkpoint
 * signed with any other key was re-signed by someone else, unless a key entry before it recorded
 * the change.
 */
class KeyInForce {
  constructor(private key: string | undefined) {}

  admit(change: KeyChange, seq: number): Broken | undefined {
    // Naming no previous key only records the key already in force (the first key entry of a log that had checkpoints before).
    const replaced = change.previous ?? change.publicKey;
    if (this.key !== undefined && !sameKey(replaced, this.key)) {
      return broken(seq, `entry ${seq} changes the signing key from one that was not in force`);
    }
    this.key = change.publicKey;
    return undefined;
  }

  check({ checkpoint, source }: Anchor): Broken | undefined {
    this.key ??= checkpoint.publicKey;
    if (sameKey(checkpoint.publicKey, this.key)) return undefined;
    return broken(null, `${source}: signed with a key that was not in force at entry ${checkpoint.count} (no recorded key change allows it)`);
  }

  checkCurrent(publicKey: string | undefined): Broken | undefined {
    if (publicKey === undefined || this.key === undefined || sameKey(publicKey, this.key)) return undefined;
    return broken(null, "the database's signing key is not the one the log says is in force: the key was replaced without a recorded key change");
  }
}

/**
 * Recomputes the chain in order, in constant memory, and checks that it still extends every
 * checkpoint stored in the database and every digest given, each signed by the key in force at
 * its position. An attacker with the file can rewrite the chain and its stored checkpoints
 * consistently only by re-signing them, which the key check catches; a digest kept elsewhere
 * catches the rest.
 */
export function verifyChain(sqlite: Database.Database, options: VerifyOptions = {}): ChainVerdict {
  const from = options.from ?? { count: 0, hash: GENESIS_HASH };
  const stored = createCheckpointStore(sqlite)
    .all()
    .map((checkpoint, i) => ({ checkpoint, source: `stored checkpoint ${i + 1} (entry ${checkpoint.count})` }));
  const given = options.anchors ?? [];
  const signatureFault = checkSignatures(stored) ?? checkSignatures(given);
  if (signatureFault) return signatureFault;
  const anchors = [...given, ...stored].filter((a) => a.checkpoint.count > from.count);
  const byCount = new Map<number, Anchor[]>();
  for (const anchor of anchors) byCount.set(anchor.checkpoint.count, [...(byCount.get(anchor.checkpoint.count) ?? []), anchor]);

  const keys = new KeyInForce(keyInForceAt(sqlite, from.count, stored));
  const keyEvents: KeyEvent[] = [];
  let count = from.count;
  let prev = from.hash;
  let prevPrev: string | undefined;
  const rows = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq`);
  for (const row of rows.iterate(from.count) as IterableIterator<AuditEntry>) {
    const fault = checkLink(row, count + 1, prev, prevPrev);
    if (fault) return fault;
    if (row.kind === 'audit.key') {
      const change = keyChangeOf(row);
      if (!change.ok) return broken(row.seq, change.problem);
      const refused = keys.admit(change.value, row.seq);
      if (refused) return refused;
      keyEvents.push({ seq: row.seq, reason: change.value.reason, endorsed: change.value.endorsement !== undefined });
    }
    for (const anchor of byCount.get(row.seq) ?? []) {
      if (anchor.checkpoint.headHash !== row.hash) {
        return broken(row.seq, `entry ${row.seq} is not the one ${anchor.source} signed: the chain was rewritten up to there`);
      }
      const wrongKey = keys.check(anchor);
      if (wrongKey) return wrongKey;
    }
    count = row.seq;
    prevPrev = prev;
    prev = row.hash;
  }
  const beyond = anchors.find((a) => a.checkpoint.count > count);
  if (beyond) {
    return broken(count + 1, `entry ${count + 1} is missing: the log ends at entry ${count} but ${beyond.source} signed ${beyond.checkpoint.count} entries`);
  }
  const replaced = keys.checkCurrent(options.publicKey);
  if (replaced) return replaced;
  return { ok: true, count, headHash: prev, anchors: anchors.length, keyEvents };
}

/** The key in force just after entry `seq`: the latest key entry's, else the first stored checkpoint's (a log from before keys were recorded). */
function keyInForceAt(sqlite: Database.Database, seq: number, stored: readonly Anchor[]): string | undefined {
  const row = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE kind = 'audit.key' AND seq <= ? ORDER BY seq DESC LIMIT 1`).get(seq) as
    AuditEntry | undefined;
  if (row) {
    const change = keyChangeOf(row);
    if (change.ok) return change.value.publicKey;
  }
  return seq > 0 ? stored[0]?.checkpoint.publicKey : undefined;
}
