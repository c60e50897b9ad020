import { verify, createPublicKey } from 'node:crypto';
import type Database from 'better-sqlite3';
import { auditDigestMessage, type AuditCheckpoint } from '@shared/domain/audit';
import type { AuditHead } from './audit-log';
import type { AuditSigner } from './signing-key';

const COLUMNS = 'entry_count AS count, head_hash AS headHash, signed_at AS signedAt, public_key AS publicKey, signature';

export interface CheckpointStore {
  /** Signs `head` and stores the checkpoint. */
  record(head: AuditHead, signer: AuditSigner, at: number): AuditCheckpoint;
  latest(): AuditCheckpoint | undefined;
  /** Every stored checkpoint, oldest first. */
  all(): AuditCheckpoint[];
}

export function createCheckpointStore(sqlite: Database.Database): CheckpointStore {
  const insert = sqlite.prepare('INSERT INTO audit_checkpoints (signed_at, entry_count, head_hash, public_key, signature) VALUES (?, ?, ?, ?, ?)');
  const latest = sqlite.prepare(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY id DESC LIMIT 1`);
  const all = sqlite.prepare(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY id`);
  return {
    record(head, signer, at) {
      if (head.count === 0) throw new Error('cannot sign a checkpoint of an empty audit log');
      const checkpoint: AuditCheckpoint = {
        count: head.count,
        headHash: head.hash,
        signedAt: at,
        publicKey: signer.publicKey,
        signature: signer.sign(auditDigestMessage(head.count, head.hash, at)),
      };
      insert.run(at, checkpoint.count, checkpoint.headHash, checkpoint.publicKey, checkpoint.signature);
      return checkpoint;
    },
    latest: () => latest.get() as AuditCheckpoint | undefined,
    all: () => all.all() as AuditCheckpoint[],
  };
}

/** Whether the checkpoint's signature is its public key's over its own count, head and time. */
export function signatureHolds(checkpoint: AuditCheckpoint): boolean {
  try {
    const message = Buffer.from(auditDigestMessage(checkpoint.count, checkpoint.headHash, checkpoint.signedAt));
    return verify(null, message, createPublicKey(checkpoint.publicKey), Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
