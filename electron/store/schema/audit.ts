import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUDIT_KINDS } from '@shared/domain/audit';
import { oneOf } from './sql-lists';

/**
 * The hash-chained log. `seq` is assigned by the writer (head + 1), never by AUTOINCREMENT, so
 * that a gap means a deleted entry. The subject columns carry no foreign keys: nothing may ever
 * block or cascade into the log. Triggers added by the migration refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    kind: text('kind', { enum: AUDIT_KINDS }).notNull(),
    subject: text('subject').notNull(),
    agentId: text('agent_id'),
    campaignId: text('campaign_id'),
    decisionId: text('decision_id'),
    content: text('content').notNull(),
    rowTable: text('row_table'),
    rowHash: text('row_hash'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_decision').on(t.decisionId, t.seq),
    index('audit_log_rows').on(t.rowTable, t.subject, t.seq),
    check('audit_kind_valid', oneOf(t.kind, AUDIT_KINDS)),
  ],
);

/** Signed heads of the chain; the signing key lives outside the database. Append-only too. */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    signedAt: integer('signed_at').notNull(),
    entryCount: integer('entry_count').notNull(),
    headHash: text('head_hash').notNull(),
    publicKey: text('public_key').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [index('audit_checkpoints_count').on(t.entryCount), check('audit_checkpoint_count_positive', sql`${t.entryCount} > 0`)],
);
