import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who may act on a campaign right now: a host (process) holds a campaign's lease while it
 * calls the platform for it, until `expires_at`, so that two hosts on one database never act on
 * the same campaign at once and a crashed holder's lease lapses by itself.
 */
export const campaignLeases = sqliteTable('campaign_leases', {
  campaignId: text('campaign_id').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: integer('expires_at').notNull(),
});
