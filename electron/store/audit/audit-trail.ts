import type Database from 'better-sqlite3';
import type { AuditCheckpoint, AuditDigest } from '../../../shared/domain/audit';
import { createAuditLog, type AuditLog } from './audit-log';
import { createCheckpointStore } from './checkpoints';
import { digestToCheckpoint, toDigest } from './digest-file';
import type { AuditSigner } from './signing-key';
import { verifyChain, type ChainVerdict } from './verify-chain';

/** Signed automatically every this many entries, so the head is checkpointed however the app is driven. */
export const CHECKPOINT_EVERY = 1000;

export interface AuditTrail extends AuditLog {
  /** Signs the current head and stores the checkpoint (inside its own transaction). */
  checkpoint(): AuditCheckpoint;
  /** The latest checkpoint as a digest file's content, signing the head first when it moved on since. */
  currentDigest(): AuditDigest;
  /** currentDigest(), or undefined while the log is empty and there is nothing to sign. */
  digestIfAny(): AuditDigest | undefined;
  latestCheckpoint(): AuditCheckpoint | undefined;
  /** Recomputes the chain; `digests` are files kept elsewhere that the log must still extend. */
  verify(digests?: readonly { digest: AuditDigest; source: string }[]): ChainVerdict;
}

export interface AuditTrailOptions {
  now?: () => number;
  /** Loaded on the first checkpoint, so that only writers need the key. */
  signer: () => AuditSigner;
}

export function createAuditTrail(sqlite: Database.Database, options: AuditTrailOptions): AuditTrail {
  const now = options.now ?? Date.now;
  const log = createAuditLog(sqlite, now);
  const checkpoints = createCheckpointStore(sqlite);
  let signer: AuditSigner | undefined;
  const sign = () => checkpoints.record(log.head(), (signer ??= options.signer()), now());
  const checkpoint = sqlite.transaction(sign);
  const digestNow = sqlite.transaction(() => {
    const latest = checkpoints.latest();
    return latest && latest.count === log.head().count ? latest : sign();
  });

  return {
    ...log,
    append(event) {
      const entry = log.append(event);
      if (entry.seq % CHECKPOINT_EVERY === 0) sign();
      return entry;
    },
    checkpoint: () => checkpoint.immediate(),
    currentDigest: () => toDigest(digestNow.immediate()),
    digestIfAny: () => (log.head().count > 0 ? toDigest(digestNow.immediate()) : undefined),
    latestCheckpoint: () => checkpoints.latest(),
    verify(digests = []) {
      return verifyChain(sqlite, {
        anchors: digests.map(({ digest, source }) => ({ checkpoint: digestToCheckpoint(digest), source })),
        ...(signer ? { publicKey: signer.publicKey } : {}),
      });
    },
  };
}
