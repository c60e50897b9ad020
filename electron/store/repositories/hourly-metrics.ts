import type Database from 'better-sqlite3';
import type { HourlyMetricRow } from '@shared/domain/metrics';
import type { Handles } from './handles';

/** Which rows of a campaign to read: its totals, or its breakdown by audience or by creative. */
export type MetricsBreakdown = 'none' | 'audience' | 'creative';

export interface HourlyMetricsRepository {
  /**
   * Inserts or replaces each (campaign, hour, audience, creative) row, all in one
   * transaction. A report older than the one stored (by reportedAt) does not overwrite it,
   * so late, out-of-order reads never undo fresher figures. Returns how many rows changed.
   */
  upsertMany(rows: readonly HourlyMetricRow[]): number;
  /** Hours in [from, to), oldest first. */
  range(query: { campaignId: string; from: number; to: number; breakdown?: MetricsBreakdown }): HourlyMetricRow[];
  /** The campaigns with any reported hour in [from, to), by id: a report's campaigns, agents' or not. */
  campaignIds(from: number, to: number): string[];
}

const BREAKDOWN_WHERE: Record<MetricsBreakdown, string> = {
  none: `audience_id = '' AND creative_id = ''`,
  audience: `audience_id <> ''`,
  creative: `creative_id <> ''`,
};

export function createHourlyMetricsRepository({ sqlite }: Handles): HourlyMetricsRepository {
  const upsert = sqlite.prepare(
    `INSERT INTO hourly_metrics (campaign_id, hour, audience_id, creative_id, spend, impressions, clicks, conversions, revenue, reported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign_id, hour, audience_id, creative_id) DO UPDATE SET
       spend = excluded.spend, impressions = excluded.impressions, clicks = excluded.clicks,
       conversions = excluded.conversions, revenue = excluded.revenue, reported_at = excluded.reported_at
     WHERE excluded.reported_at >= hourly_metrics.reported_at`,
  );
  const ranges = Object.fromEntries(
    Object.entries(BREAKDOWN_WHERE).map(([breakdown, where]) => [
      breakdown,
      sqlite.prepare(
        `SELECT campaign_id AS campaignId, hour, audience_id AS audienceId, creative_id AS creativeId,
                spend, impressions, clicks, conversions, revenue, reported_at AS reportedAt
         FROM hourly_metrics WHERE campaign_id = ? AND hour >= ? AND hour < ? AND ${where}
         ORDER BY hour, audience_id, creative_id`,
      ),
    ]),
  ) as Record<MetricsBreakdown, Database.Statement>;

  const upsertAll = sqlite.transaction((rows: readonly HourlyMetricRow[]) => {
    let changed = 0;
    rows.forEach((r, i) => {
      try {
        changed += upsert.run(
          r.campaignId,
          r.hour,
          r.audienceId,
          r.creativeId,
          r.spend,
          r.impressions,
          r.clicks,
          r.conversions,
          r.revenue,
          r.reportedAt,
        ).changes;
      } catch (e) {
        throw new Error(`hourly metrics row ${i} (campaign ${r.campaignId}, hour ${r.hour}): ${(e as Error).message}`, { cause: e });
      }
    });
    return changed;
  });

  const campaigns = sqlite.prepare('SELECT DISTINCT campaign_id FROM hourly_metrics WHERE hour >= ? AND hour < ? ORDER BY campaign_id').pluck();

  return {
    upsertMany: (rows) => upsertAll(rows),
    campaignIds: (from, to) => campaigns.all(from, to) as string[],
    range({ campaignId, from, to, breakdown = 'none' }) {
      const statement = ranges[breakdown];
      if (!statement) throw new Error(`hourly metrics breakdown must be one of none, audience, creative; got ${JSON.stringify(breakdown)}`);
      return statement.all(campaignId, from, to) as HourlyMetricRow[];
    },
  };
}
