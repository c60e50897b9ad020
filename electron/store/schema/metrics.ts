import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const campaignSnapshots = sqliteTable(
  'campaign_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    takenAt: integer('taken_at').notNull(),
    campaignId: text('campaign_id').notNull(),
    /** JSON CampaignInfo. */
    campaign: text('campaign').notNull(),
  },
  (t) => [index('campaign_snapshots_campaign_taken').on(t.campaignId, t.takenAt)],
);

/** '' in audience_id / creative_id means no breakdown, so the key stays a plain unique tuple for upserts. */
export const hourlyMetrics = sqliteTable(
  'hourly_metrics',
  {
    campaignId: text('campaign_id').notNull(),
    hour: integer('hour').notNull(),
    audienceId: text('audience_id').notNull().default(''),
    creativeId: text('creative_id').notNull().default(''),
    spend: real('spend').notNull(),
    impressions: real('impressions').notNull(),
    clicks: real('clicks').notNull(),
    conversions: real('conversions').notNull(),
    revenue: real('revenue').notNull(),
    reportedAt: integer('reported_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.hour, t.audienceId, t.creativeId] }),
    check('hourly_metrics_not_negative', sql`${t.spend} >= 0 AND ${t.impressions} >= 0 AND ${t.clicks} >= 0 AND ${t.conversions} >= 0 AND ${t.revenue} >= 0`),
  ],
);
