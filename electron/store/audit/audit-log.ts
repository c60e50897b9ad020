import type Database from 'better-sqlite3';
import { GENESIS_HASH, type AuditEntry, type AuditKind } from '@shared/domain/audit';
import { entryHash } from './entry-hash';
import { createRowHasher, type BoundTable } from './row-binding';

/** What a repository reports about a change it is making; the log adds position, time and hashes. */
export interface AuditEvent {
  kind: AuditKind;
  subject: string;
  agentId?: string | null;
  campaignId?: string | null;
  decisionId?: string | null;
  /** JSON text, already checked by the caller (see json.ts): hashed and stored as is. */
  content: string;
  /** The table of the row `subject` names that this change wrote: the row's hash after the change is bound into the entry. */
  row?: BoundTable;
}

export interface AuditHead {
  count: number;
  hash: string;
}

export interface AuditLog {
  /**
   * Appends one entry. Call it inside the transaction that makes the change, AFTER the change's
   * own write: that write takes the database's write lock, so the head read here is the true
   * head even when another process shares the file.
   */
  append(event: AuditEvent): AuditEntry;
  head(): AuditHead;
  /** Entries in order from `afterSeq` (exclusive). */
  entries(afterSeq?: number, limit?: number): AuditEntry[];
  /** Every entry about one decision, oldest first: its history. */
  forDecision(decisionId: string): AuditEntry[];
  /** The entry at `seq`, if the log has it. */
  at(seq: number): AuditEntry | undefined;
}

export const ENTRY_COLUMNS = `seq, at, kind, subject, agent_id AS agentId, campaign_id AS campaignId, decision_id AS decisionId,
  content, row_table AS rowTable, row_hash AS rowHash, prev_hash AS prevHash, hash`;

/**
 * The head is read from the table at every append rather than cached: a cache would go stale
 * both when another connection appends and when a savepoint around our own append rolls back,
 * and reading the last row of the primary key costs about a microsecond.
 */
export function createAuditLog(sqlite: Database.Database, now: () => number = Date.now): AuditLog {
  const headStmt = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insertStmt = sqlite.prepare(
    `INSERT INTO audit_log (seq, at, kind, subject, agent_id, campaign_id, decision_id, content, row_table, row_hash, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pageStmt = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
  const decisionStmt = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE decision_id = ? ORDER BY seq`);
  const atStmt = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE seq = ?`);
  const rows = createRowHasher(sqlite);

  function head(): AuditHead {
    const row = headStmt.get() as { seq: number; hash: string } | undefined;
    return row ? { count: row.seq, hash: row.hash } : { count: 0, hash: GENESIS_HASH };
  }

  return {
    append(event) {
      if (!sqlite.inTransaction) {
        throw new Error(`audit entry ${event.kind} of ${event.subject}: must be appended inside the transaction of the change it records`);
      }
      const last = head();
      const rowHash = event.row === undefined ? null : rows.hashOf(event.row, event.subject);
      if (rowHash === undefined) throw new Error(`audit entry ${event.kind} of ${event.subject}: no ${event.row} row ${event.subject} to bind`);
      const entry = {
        seq: last.count + 1,
        at: now(),
        kind: event.kind,
        subject: event.subject,
        agentId: event.agentId ?? null,
        campaignId: event.campaignId ?? null,
        decisionId: event.decisionId ?? null,
        content: event.content,
        rowTable: event.row ?? null,
        rowHash,
        prevHash: last.hash,
        hash: '',
      } satisfies AuditEntry;
      entry.hash = entryHash(entry);
      insertStmt.run(
        entry.seq,
        entry.at,
        entry.kind,
        entry.subject,
        entry.agentId,
        entry.campaignId,
        entry.decisionId,
        entry.content,
        entry.rowTable,
        entry.rowHash,
        entry.prevHash,
        entry.hash,
      );
      return entry;
    },
    head,
    entries(afterSeq = 0, limit = 1000) {
      return pageStmt.all(afterSeq, limit) as AuditEntry[];
    },
    forDecision(decisionId) {
      return decisionStmt.all(decisionId) as AuditEntry[];
    },
    at(seq) {
      return atStmt.get(seq) as AuditEntry | undefined;
    },
  };
}
