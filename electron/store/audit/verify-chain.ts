import type Database from 'better-sqlite3';
import { GENESIS_HASH, type AuditCheckpoint, type AuditEntry } from '../../../shared/domain/audit';
import { ENTRY_COLUMNS } from './audit-log';
import { createCheckpointStore, signatureHolds } from './checkpoints';
import { entryHash } from './entry-hash';

/** A signed head the log must still extend, and where it came from (for the message). */
export interface Anchor {
  checkpoint: AuditCheckpoint;
  source: string;
}

export type ChainVerdict =
  | { ok: true; count: number; headHash: string; anchors: number }
  | {
      ok: false;
      /** The first bad entry, or null when the fault is not in one entry (a bad signature). */
      seq: number | null;
      problem: string;
    };

export interface VerifyOptions {
  /** Digests kept elsewhere, in addition to the checkpoints stored in the database. */
  anchors?: readonly Anchor[];
  /** When known (the key file's), every stored checkpoint must be signed with this public key. */
  publicKey?: string;
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

function checkSignatures(anchors: readonly Anchor[], publicKey: string | undefined): Broken | undefined {
  for (const { checkpoint, source } of anchors) {
    if (!signatureHolds(checkpoint)) return broken(null, `${source}: its signature does not verify (the checkpoint was forged or altered)`);
    if (publicKey !== undefined && checkpoint.publicKey.trim() !== publicKey.trim()) {
      return broken(null, `${source}: signed with a key other than this database's audit key`);
    }
  }
  return undefined;
}

/**
 * Recomputes the whole chain in order, in constant memory, and checks that it still extends
 * every checkpoint stored in the database and every digest given. An attacker with the file
 * can rewrite the chain and its stored checkpoints consistently; only a digest kept elsewhere
 * (or the key) catches that, which is what checkpoints exported as digests are for.
 */
export function verifyChain(sqlite: Database.Database, options: VerifyOptions = {}): ChainVerdict {
  const stored = createCheckpointStore(sqlite)
    .all()
    .map((checkpoint, i) => ({ checkpoint, source: `stored checkpoint ${i + 1} (entry ${checkpoint.count})` }));
  const storedFault = checkSignatures(stored, options.publicKey);
  if (storedFault) return storedFault;
  const given = options.anchors ?? [];
  const givenFault = checkSignatures(given, undefined);
  if (givenFault) return givenFault;
  const anchors = [...given, ...stored];
  const byCount = new Map<number, Anchor[]>();
  for (const anchor of anchors) byCount.set(anchor.checkpoint.count, [...(byCount.get(anchor.checkpoint.count) ?? []), anchor]);

  let count = 0;
  let prev = GENESIS_HASH;
  let prevPrev: string | undefined;
  for (const row of sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY seq`).iterate() as IterableIterator<AuditEntry>) {
    const fault = checkLink(row, count + 1, prev, prevPrev);
    if (fault) return fault;
    for (const { checkpoint, source } of byCount.get(row.seq) ?? []) {
      if (checkpoint.headHash !== row.hash) {
        return broken(row.seq, `entry ${row.seq} is not the one ${source} signed: the chain was rewritten up to there`);
      }
    }
    count = row.seq;
    prevPrev = prev;
    prev = row.hash;
  }
  const beyond = anchors.find((a) => a.checkpoint.count > count);
  if (beyond) {
    return broken(count + 1, `entry ${count + 1} is missing: the log ends at entry ${count} but ${beyond.source} signed ${beyond.checkpoint.count} entries`);
  }
  return { ok: true, count, headHash: prev, anchors: anchors.length };
}
