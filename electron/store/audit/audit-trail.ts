import type Database from 'better-sqlite3';
import type { AuditCheckpoint, AuditDigest, AuditEntry } from '@shared/domain/audit';
import { AcmError } from '@shared/errors';
import { toJson } from '../json';
import { createAuditLog, ENTRY_COLUMNS, type AuditLog } from './audit-log';
import { createCheckpointStore, signatureHolds } from './checkpoints';
import { digestToCheckpoint, toDigest } from './digest-file';
import { endorsementMessage, keyChangeOf, sameKey, type KeyChange } from './key-change';
import { newKeyPem, signerFromPem, type AuditSigner, type KeyVault } from './signing-key';
import { verifyChain, type ChainVerdict } from './verify-chain';
import { firstRowFault } from './verify-rows';

/** Signed automatically once this many entries were appended since the last checkpoint, so the head is checkpointed however the app is driven. */
export const CHECKPOINT_EVERY = 1000;

export interface AuditTrail extends AuditLog {
  /**
   * Verifies what was appended since the last checkpoint this key signed, then signs the head
   * and stores the checkpoint (in its own transaction). Refuses, signing nothing, when the chain
   * does not verify or the key is missing or not the one in force.
   */
  checkpoint(): AuditCheckpoint;
  /** The latest checkpoint as a digest file's content, signing the head first when it moved on since. */
  currentDigest(): AuditDigest;
  /** currentDigest(), or undefined while the log is empty and there is nothing to sign. */
  digestIfAny(): AuditDigest | undefined;
  /** The latest stored checkpoint as a digest, signing nothing: what a read-only export carries. */
  storedDigest(): AuditDigest | undefined;
  latestCheckpoint(): AuditCheckpoint | undefined;
  /**
   * Recomputes the whole chain and checks every row people read against the entry that bound it;
   * `digests` are files kept elsewhere that the log must still extend.
   */
  verify(digests?: readonly { digest: AuditDigest; source: string }[]): ChainVerdict;
  /**
   * Starts a new signing key, recorded in the log: endorsed by the old key when it is still at
   * hand (the old key file is kept, renamed), a person's recorded word when it was lost.
   */
  rotateKey(reason: string): { publicKey: string; endorsed: boolean; retiredTo?: string };
  /**
   * Tells `listener` when a checkpoint due after an append could not be signed. Never a rollback:
   * the change that appended is committed by then. Told once per failure, not at every later
   * append. Returns the unsubscribe function.
   */
  onCheckpointFailure(listener: (error: Error) => void): () => void;
}

export interface AuditTrailOptions {
  now?: () => number;
  /** Where the signing key is kept; read on the first checkpoint, so that only writers need it. */
  vault: KeyVault;
}

export function createAuditTrail(sqlite: Database.Database, options: AuditTrailOptions): AuditTrail {
  const now = options.now ?? Date.now;
  const { vault } = options;
  const log = createAuditLog(sqlite, now);
  const checkpoints = createCheckpointStore(sqlite);
  const lastKeyStmt = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE kind = 'audit.key' ORDER BY seq DESC LIMIT 1`);
  const ownCheckpointsStmt = sqlite.prepare(
    'SELECT entry_count AS count, head_hash AS headHash, signed_at AS signedAt, public_key AS publicKey, signature FROM audit_checkpoints ORDER BY id DESC',
  );

  function lastKeyChange(): { seq: number; change: KeyChange } | undefined {
    const row = lastKeyStmt.get() as AuditEntry | undefined;
    if (!row) return undefined;
    const parsed = keyChangeOf(row);
    if (!parsed.ok) throw new AcmError('INTEGRITY', `the audit log's ${parsed.problem}`);
    return { seq: row.seq, change: parsed.value };
  }

  /**
   * The key that signs: the vault's, read again at every checkpoint (a key removed or exposed
   * since is noticed then), or a new one only while nothing was ever signed: a missing key is
   * never replaced silently.
   */
  function currentSigner(): AuditSigner {
    const pem = vault.read();
    if (pem !== undefined) return signerFromPem(pem, vault.where);
    if (lastKeyChange() !== undefined || checkpoints.latest() !== undefined) {
      throw new AcmError(
        'INTEGRITY',
        `the audit signing key is missing (${vault.where}): restore it from a backup, or start a new key with a recorded rotation (acm audit rotate-key --db FILE --reason "…")`,
      );
    }
    try {
      vault.create(newKeyPem());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new Error(`cannot create the audit signing key (${vault.where}): ${(e as Error).message}`, { cause: e });
    }
    return signerFromPem(vault.read()!, vault.where);
  }

  /** The latest checkpoint this very key signed whose entry is still the one it signed: where verification may start. */
  function trustedStart(publicKey: string): { count: number; hash: string } | undefined {
    for (const checkpoint of ownCheckpointsStmt.iterate() as IterableIterator<AuditCheckpoint>) {
      if (!sameKey(checkpoint.publicKey, publicKey) || !signatureHolds(checkpoint)) continue;
      if (log.at(checkpoint.count)?.hash === checkpoint.headHash) return { count: checkpoint.count, hash: checkpoint.headHash };
    }
    return undefined;
  }

  const signHead = sqlite.transaction((): AuditCheckpoint => {
    const key = currentSigner();
    const verdict = verifyChain(sqlite, { publicKey: key.publicKey, from: trustedStart(key.publicKey) });
    if (!verdict.ok)
      throw new AcmError(
        'INTEGRITY',
        `refused to sign the audit log: it does not verify (${verdict.seq === null ? '' : `entry ${verdict.seq}: `}${verdict.problem})`,
      );
    const recorded = lastKeyChange();
    if (recorded === undefined) {
      // The first key the log records: from here on a checkpoint signed with another key needs a recorded rotation.
      const change: KeyChange = { publicKey: key.publicKey, previous: null, reason: 'the signing key in use when keys were first recorded' };
      log.append({ kind: 'audit.key', subject: 'audit-key', content: toJson(change, 'audit key') });
    }
    const head = log.head();
    if (head.count === 0) throw new AcmError('CONFLICT', 'cannot sign a checkpoint of an empty audit log');
    return checkpoints.record(head, key, now());
  });
  const checkpoint = () => signHead.immediate();

  /** The latest checkpoint when it still signs the head as it stands; otherwise a new one, verified first. */
  const digestNow = () => {
    const latest = checkpoints.latest();
    const head = log.head();
    return latest && latest.count === head.count && latest.headHash === head.hash ? latest : checkpoint();
  };

  const failureListeners = new Set<(error: Error) => void>();
  let scheduled = false;
  let failedAt: number | undefined;
  /** Signs outside any transaction of a change, once that change is committed: a failure to sign never undoes it. */
  function checkpointIfDue(): void {
    scheduled = false;
    if (!sqlite.open || sqlite.inTransaction) return;
    const head = log.head().count;
    const signed = checkpoints.latest()?.count ?? 0;
    if (head - signed < CHECKPOINT_EVERY || (failedAt !== undefined && head - failedAt < CHECKPOINT_EVERY)) return;
    try {
      checkpoint();
      failedAt = undefined;
    } catch (e) {
      failedAt = head;
      for (const listener of failureListeners) listener(e as Error);
    }
  }

  return {
    ...log,
    append(event) {
      const entry = log.append(event);
      if (!scheduled && entry.seq % CHECKPOINT_EVERY === 0) {
        scheduled = true;
        setImmediate(checkpointIfDue);
      }
      return entry;
    },
    checkpoint,
    currentDigest: () => toDigest(digestNow()),
    digestIfAny: () => (log.head().count > 0 ? toDigest(digestNow()) : undefined),
    storedDigest() {
      const latest = checkpoints.latest();
      return latest && toDigest(latest);
    },
    latestCheckpoint: () => checkpoints.latest(),
    verify(digests = []) {
      let publicKey: string | undefined;
      try {
        const pem = vault.read();
        publicKey = pem === undefined ? undefined : signerFromPem(pem, vault.where).publicKey;
      } catch {
        // An unusable key does not stop an audit: the chain and the rows are checked all the same.
      }
      const verdict = verifyChain(sqlite, { anchors: digests.map(({ digest, source }) => ({ checkpoint: digestToCheckpoint(digest), source })), publicKey });
      if (!verdict.ok) return verdict;
      const fault = firstRowFault(sqlite);
      return fault ? { ok: false, seq: fault.seq, problem: fault.problem } : verdict;
    },
    onCheckpointFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
    rotateKey(reason) {
      if (reason.trim() === '') throw new AcmError('INVALID_INPUT', 'a key rotation needs a reason', { path: 'reason' });
      const chain = verifyChain(sqlite);
      if (!chain.ok)
        throw new AcmError('INTEGRITY', `refused to start a new key: the audit log does not verify (${chain.problem}); a new key would vouch for it`);
      const inForce = lastKeyChange()?.change.publicKey ?? checkpoints.latest()?.publicKey ?? null;
      const oldPem = vault.read();
      const old = oldPem === undefined ? undefined : signerFromPem(oldPem, vault.where);
      const next = newKeyPem();
      const nextSigner = signerFromPem(next, 'new key');
      const endorsing = old && inForce !== null && sameKey(old.publicKey, inForce) ? old : undefined;
      const change: KeyChange = {
        publicKey: nextSigner.publicKey,
        previous: inForce,
        reason: reason.trim(),
        ...(endorsing ? { endorsement: endorsing.sign(endorsementMessage(nextSigner.publicKey)) } : {}),
      };
      const retiredTo = old ? vault.retire() : undefined;
      vault.create(next);
      sqlite.transaction(() => log.append({ kind: 'audit.key', subject: 'audit-key', content: toJson(change, 'audit key') })).immediate();
      checkpoint();
      return { publicKey: nextSigner.publicKey, endorsed: endorsing !== undefined, ...(retiredTo ? { retiredTo } : {}) };
    },
  };
}
