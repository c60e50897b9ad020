import type { HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery } from '@shared/platform/adapter';
import { HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { GoogleAdsClient } from './ads-client';
import { idCondition, type MetricsRow } from './google-rows';
import { fromMicros } from './micros';

/** Google credits conversions to the click's date and they keep arriving: the trailing 30 days are re-read. */
export const REPORTS_SETTLE_DAYS = 30;

/** Google may spend up to twice a campaign's daily budget on one day. */
export const DAILY_SPEND_MULTIPLE = 2;

/** What forecasts on these rows assume of them, for the person reading a decision. */
export const REPORTING_NOTES: readonly string[] = [
  "Google reports conversions on the date and hour of the click that led to them, in the account's time zone: recent hours keep filling in for up to 30 days.",
  "Google may spend up to twice a campaign's daily budget on a day (never more than 30.4 days' worth in a month), so one day's spend can run past its budget.",
];

const METRICS = 'metrics.cost_micros, metrics.clicks, metrics.impressions, metrics.conversions, metrics.conversions_value';

const LEVEL = {
  none: { from: 'campaign', ids: 'campaign.id' },
  audience: { from: 'ad_group', ids: 'campaign.id, ad_group.id' },
  creative: { from: 'ad_group_ad', ids: 'campaign.id, ad_group.id, ad_group_ad.ad.id' },
} as const;

interface Cell {
  campaignId: string;
  audienceId?: string;
  creativeId?: string;
  hour: number;
  costMicros: bigint;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
}

/**
 * Hourly rows of a customer as Google reports them: `segments.date` and `segments.hour` are the
 * account's local date and wall-clock hour, turned here into the instant that hour began. Cost is
 * added up in micros, so that a sum of rows is as exact as each row.
 */
export async function readHourlyMetrics(client: GoogleAdsClient, zone: AccountZone, query: MetricsQuery): Promise<HourlyMetrics[]> {
  if (!(query.to > query.from)) return [];
  const level = LEVEL[query.breakdown ?? 'none'];
  const conditions = [`segments.date BETWEEN '${zone.date(query.from)}' AND '${zone.date(query.to - 1)}'`];
  if (query.campaignIds) {
    if (query.campaignIds.length === 0) return [];
    conditions.push(idCondition('campaign.id', query.campaignIds));
  }
  const gaql = `SELECT ${level.ids}, segments.date, segments.hour, ${METRICS} FROM ${level.from} WHERE ${conditions.join(' AND ')}`;
  const cells = new Map<string, Cell>();
  for (const row of await client.search<MetricsRow>(gaql)) {
    const hour = instantOfWallHour(zone, row.segments.date, Number(row.segments.hour));
    if (hour === undefined || hour < query.from || hour >= query.to) continue;
    const audienceId = query.breakdown === 'audience' ? row.adGroup?.id : undefined;
    const creativeId = query.breakdown === 'creative' ? row.adGroupAd?.ad.id : undefined;
    const key = `${row.campaign.id}|${audienceId ?? ''}|${creativeId ?? ''}|${hour}`;
    const cell = cells.get(key) ?? {
      campaignId: row.campaign.id,
      audienceId,
      creativeId,
      hour,
      costMicros: 0n,
      impressions: 0,
      clicks: 0,
      conversions: 0,
      revenue: 0,
    };
    const m = row.metrics;
    cell.costMicros += BigInt(m.costMicros ?? '0');
    cell.impressions += Number(m.impressions ?? 0);
    cell.clicks += Number(m.clicks ?? 0);
    cell.conversions += Number(m.conversions ?? 0);
    cell.revenue += Number(m.conversionsValue ?? 0);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((c): HourlyMetrics => {
      const row: HourlyMetrics = {
        campaignId: c.campaignId,
        hour: c.hour,
        spend: fromMicros(c.costMicros.toString(), `campaign ${c.campaignId} cost_micros`),
        impressions: c.impressions,
        clicks: c.clicks,
        conversions: c.conversions,
        revenue: c.revenue,
      };
      if (c.audienceId !== undefined) row.audienceId = c.audienceId;
      if (c.creativeId !== undefined) row.creativeId = c.creativeId;
      return row;
    })
    .sort((a, b) => a.campaignId.localeCompare(b.campaignId) || a.hour - b.hour);
}

/** The first instant of a local date whose wall-clock hour is `wall`; none on the hour a spring-forward day skips. */
export function instantOfWallHour(zone: AccountZone, date: string, wall: number): number | undefined {
  const day = zone.dayOfDate(date);
  for (let at = day.startMs; at < day.endMs; at += HOUR_MS) if (zone.hour(at) === wall) return at;
  return undefined;
}
