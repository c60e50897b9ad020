/**
 * The audit trail: an append-only, hash-chained log of everything the agents and people did.
 * Times are epoch milliseconds, UTC.
 */

export const AUDIT_KINDS = [
  'agent.created',
  'agent.updated',
  'agent.paused',
  'agent.resumed',
  'agent.terminated',
  'decision.proposed',
  'decision.undo',
  'decision.state',
  'decision.approved',
  'decision.attempt',
  'outcome.recorded',
  'conflict.recorded',
  'conflict.reviewed',
  'alert.raised',
  'alert.acknowledged',
  'alert.resolved',
  'audit.key',
  'record.bound',
  'workspace.created',
  'workspace.updated',
  'account.connected',
  'host.restarted',
  'experiment.created',
  'experiment.stopped',
  'experiment.finished',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The hash every chain starts from: the "previous hash" of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** 1, 2, 3… with no gaps: a missing number is a deleted entry. */
  seq: number;
  /** When the entry was recorded (wall clock). */
  at: number;
  kind: AuditKind;
  /** The id of the row the entry is about: a decision, agent, alert, conflict. */
  subject: string;
  agentId: string | null;
  campaignId: string | null;
  decisionId: string | null;
  /** JSON text exactly as hashed. */
  content: string;
  /**
   * The human-facing table whose row the entry changed (`decisions`, `agents`, …), with the row's
   * hash just after the change: what binds the row people read to the chain. Null for entries
   * that change no row (a platform attempt, a key) and for entries written before rows were bound.
   */
  rowTable: string | null;
  rowHash: string | null;
  prevHash: string;
  /** sha256 (hex) over the entry's fields, its content and prevHash. */
  hash: string;
}

/** A signed statement of the chain's head: whoever holds it can later prove the log still extends it. */
export interface AuditCheckpoint {
  /** How many entries the log had: the head is entry `count`. */
  count: number;
  headHash: string;
  signedAt: number;
  /** Ed25519 public key, SPKI PEM. */
  publicKey: string;
  /** Base64 Ed25519 signature over `auditDigestMessage(...)`. */
  signature: string;
}

export const AUDIT_DIGEST_FORMAT = 'acm-audit-digest/1';

/** A checkpoint as a file of its own (`acm-audit-digest/1`), kept away from the database. */
export interface AuditDigest {
  format: typeof AUDIT_DIGEST_FORMAT;
  algorithm: 'ed25519';
  count: number;
  headHash: string;
  /** ISO 8601, UTC. */
  signedAt: string;
  publicKey: string;
  signature: string;
}

/** The exact bytes a checkpoint's signature covers. */
/** A digest as the file kept beside an export (`<file>.digest.json`) or written by `acm audit checkpoint`. */
export function digestFileText(digest: AuditDigest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}

export function auditDigestMessage(count: number, headHash: string, signedAt: number): string {
  return `${AUDIT_DIGEST_FORMAT}\n${count}\n${headHash}\n${new Date(signedAt).toISOString()}`;
}
