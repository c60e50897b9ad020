import type { HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery } from '@shared/platform/adapter';
import { HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { GraphClient, GraphParams } from './graph-client';
import type { ActionStat, InsightRow } from './meta-objects';
import { fromDecimalText } from './money-units';

/** The breakdown that gives hourly rows in the account's own time zone. */
export const HOURLY_BREAKDOWN = 'hourly_stats_aggregated_by_advertiser_time_zone';
const HOUR_LABEL = /^(\d{2}):00:00 - \1:59:59$/;
const INSIGHTS_PAGE = 500;

/** Conversions keep being attributed to a day for as long as Meta's longest click window (`28d_click`). */
export const REPORTS_SETTLE_DAYS = 28;

/** What forecasts on these rows assume of them, for the person reading a decision. */
export const REPORTING_NOTES: readonly string[] = [
  "Meta reports conversions and revenue by day only: each hour's are the day's, spread over its hours by clicks (by spend on a day without clicks).",
];

export interface ConversionSetting {
  /** The action type that counts as a conversion ("purchase" unless the operator picks another). */
  actionType: string;
  /** Attribution windows to add up ("7d_click", "1d_view"); none: the account's own attribution setting. */
  windows?: string[];
}

export interface InsightsScope {
  client: GraphClient;
  accountPath: string;
  zone: AccountZone;
  conversions: ConversionSetting;
  /** For a breakdown by creative: the creative each ad shows. */
  creativeOfAd?: Map<string, string>;
}

interface Hour {
  hour: number;
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
}

interface Cell {
  campaignId: string;
  audienceId?: string;
  creativeId?: string;
  date: string;
  hours: Map<number, Hour>;
  conversions: number;
  revenue: number;
}

/**
 * Hourly rows of an account as Meta reports them: spend, impressions and clicks come hourly
 * (the advertiser-time-zone breakdown); conversions and revenue only daily, and are spread over
 * the day's hours by clicks (by spend on a day without clicks, on its first hour on a day
 * without either). Every day touched is read whole, so that a day's conversions land the same
 * way whichever hours were asked for.
 */
export async function readHourlyMetrics(scope: InsightsScope, query: MetricsQuery): Promise<HourlyMetrics[]> {
  if (!(query.to > query.from)) return [];
  const { zone } = scope;
  const level = query.breakdown === 'audience' ? 'adset' : query.breakdown === 'creative' ? 'ad' : 'campaign';
  const common: GraphParams = {
    level,
    time_range: { since: zone.date(query.from), until: zone.date(query.to - 1) },
    time_increment: 1,
    limit: INSIGHTS_PAGE,
    filtering: query.campaignIds ? [{ field: 'campaign.id', operator: 'IN', value: query.campaignIds }] : undefined,
  };
  const ids = ['campaign_id', ...(level === 'adset' ? ['adset_id'] : level === 'ad' ? ['adset_id', 'ad_id'] : [])];
  const windows = scope.conversions.windows;
  const hourly = await scope.client.getAll<InsightRow>(`${scope.accountPath}/insights`, {
    ...common,
    fields: [...ids, 'spend', 'impressions', 'clicks', 'date_start', 'date_stop'],
    breakdowns: [HOURLY_BREAKDOWN],
  });
  const daily = await scope.client.getAll<InsightRow>(`${scope.accountPath}/insights`, {
    ...common,
    fields: [...ids, 'actions', 'action_values', 'date_start', 'date_stop'],
    ...(windows && windows.length > 0 ? { action_attribution_windows: windows } : { use_account_attribution_setting: true }),
  });
  const cells = new Map<string, Cell>();
  for (const row of hourly) addHour(cellOf(cells, scope, row), row, zone);
  for (const row of daily) {
    const cell = cellOf(cells, scope, row);
    cell.conversions += actionTotal(row.actions, scope.conversions, 'actions');
    cell.revenue += actionTotal(row.action_values, scope.conversions, 'action_values');
  }
  const rows: HourlyMetrics[] = [];
  for (const cell of cells.values()) {
    for (const h of spread(cell, zone)) {
      if (h.hour < query.from || h.hour >= query.to) continue;
      const row: HourlyMetrics = { campaignId: cell.campaignId, ...h };
      if (cell.audienceId !== undefined) row.audienceId = cell.audienceId;
      if (cell.creativeId !== undefined) row.creativeId = cell.creativeId;
      rows.push(row);
    }
  }
  return rows.sort((a, b) => a.campaignId.localeCompare(b.campaignId) || a.hour - b.hour);
}

function cellOf(cells: Map<string, Cell>, scope: InsightsScope, row: InsightRow): Cell {
  const campaignId = row.campaign_id ?? '';
  const audienceId = row.ad_id === undefined ? row.adset_id : undefined;
  const creativeId = row.ad_id === undefined ? undefined : (scope.creativeOfAd?.get(row.ad_id) ?? row.ad_id);
  const key = `${campaignId}|${audienceId ?? ''}|${creativeId ?? ''}|${row.date_start}`;
  let cell = cells.get(key);
  if (!cell) cells.set(key, (cell = { campaignId, audienceId, creativeId, date: row.date_start, hours: new Map(), conversions: 0, revenue: 0 }));
  return cell;
}

function addHour(cell: Cell, row: InsightRow, zone: AccountZone): void {
  const label = row[HOURLY_BREAKDOWN];
  const match = label === undefined ? null : HOUR_LABEL.exec(label);
  if (!match) return;
  const hour = instantOfWallHour(zone, cell.date, Number(match[1]));
  if (hour === undefined) return;
  const found = cell.hours.get(hour) ?? { hour, spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0 };
  found.spend += fromDecimalText(row.spend, 'insights spend');
  found.impressions += fromDecimalText(row.impressions, 'insights impressions');
  found.clicks += fromDecimalText(row.clicks, 'insights clicks');
  cell.hours.set(hour, found);
}

/** The first instant of a local date whose wall-clock hour is `wall`; none on the hour a spring-forward day skips. */
export function instantOfWallHour(zone: AccountZone, date: string, wall: number): number | undefined {
  const day = zone.dayOfDate(date);
  for (let at = day.startMs; at < day.endMs; at += HOUR_MS) if (zone.hour(at) === wall) return at;
  return undefined;
}

/** Conversions (or their value) of the chosen action type: the chosen windows added up, or the value in the account's setting. */
function actionTotal(stats: ActionStat[] | undefined, setting: ConversionSetting, where: string): number {
  let total = 0;
  for (const stat of stats ?? []) {
    if (stat.action_type !== setting.actionType) continue;
    const windows = setting.windows && setting.windows.length > 0 ? setting.windows : ['value'];
    for (const w of windows) total += fromDecimalText(stat[w], `insights ${where} ${w}`);
  }
  return total;
}

function spread(cell: Cell, zone: AccountZone): Hour[] {
  const hours = [...cell.hours.values()].sort((a, b) => a.hour - b.hour);
  if (cell.conversions === 0 && cell.revenue === 0) return hours;
  if (hours.length === 0) hours.push({ hour: zone.dayOfDate(cell.date).startMs, spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0 });
  const clicks = hours.reduce((s, h) => s + h.clicks, 0);
  const spend = hours.reduce((s, h) => s + h.spend, 0);
  const weight = (h: Hour) => (clicks > 0 ? h.clicks / clicks : spend > 0 ? h.spend / spend : h === hours[0] ? 1 : 0);
  for (const h of hours) {
    h.conversions = cell.conversions * weight(h);
    h.revenue = cell.revenue * weight(h);
  }
  return hours;
}
