import { blob, integer, primaryKey, sqliteTable } from 'drizzle-orm/sqlite-core';
import { accounts } from './workspaces';

/**
 * A sandbox world's hours as they stood when each ended (electron/platforms/sandbox/world-state.ts
 * lays them out): written once each, so that saving the world costs one small row an hour
 * however long it has run, where rewriting its whole ledger would grow without end.
 */
export const sandboxHours = sqliteTable(
  'sandbox_hours',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    hour: integer('hour').notNull(),
    /** Float64 values in the machine's byte order (little-endian on every platform the app ships for). */
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.hour] })],
);
