import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { alerts } from './alerts';

/**
 * An account whose platform refuses every request until a set time (Google's spent day of
 * operations), with the agents its host paused for it and the alert that says so: kept so that a
 * host restarted meanwhile neither sends requests early nor forgets to resume those agents.
 * One row per account (the platform's own id), removed when the pause ends.
 */
export const platformPauses = sqliteTable('platform_pauses', {
  account: text('account').primaryKey(),
  /** When the platform takes requests again, on the account's clock (epoch ms). */
  until: integer('until').notNull(),
  reason: text('reason').notNull(),
  /** The ids of the agents paused for it, JSON: only they are resumed, and only while still paused. */
  agentIds: text('agent_ids').notNull(),
  alertId: text('alert_id')
    .notNull()
    .references(() => alerts.id),
  createdAt: integer('created_at').notNull(),
});
