import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Idempotency keys of changes sent to a platform that has none of its own (Meta), with what came
 * of each: a change replayed after a restart is answered from here and not sent again. The
 * account is the platform's own id ("act_…"); rows are pruned after a retention (repositories/idempotency.ts).
 */
export const platformIdempotency = sqliteTable(
  'platform_idempotency',
  {
    account: text('account').notNull(),
    key: text('key').notNull(),
    /** The change as asked, to refuse a key reused for another change. */
    fingerprint: text('fingerprint').notNull(),
    /** The ApplyResult, JSON. */
    result: text('result').notNull(),
    /** The adapter clock's instant the change was applied (epoch ms). */
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.key] })],
);
