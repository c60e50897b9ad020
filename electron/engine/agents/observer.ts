import type { HourlyMetrics } from '@shared/domain/campaign';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { AttributionDelayEstimator, settlingDelayHorizon, type DailyObservation, type DelayHorizon } from '../forecast';
import { HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';

/** How far back an agent looks when it first meets a campaign, and how much it keeps. */
export const LOOKBACK_DAYS = 35;
/** Reported hours keep filling in; each read re-reads at least this much to see late conversions. */
const MIN_REREAD_HOURS = 48;
const MAX_REREAD_HOURS = 7 * 24;

export type Breakdown = 'none' | 'audience' | 'creative';

interface Series {
  /** Latest report per hour start. */
  hours: Map<number, HourlyMetrics>;
  /** Breakdown rows per `${hour}|${unit}`. */
  units: Map<string, HourlyMetrics>;
}

/**
 * Observe (step 1): what the platform reported for an agent's campaigns, kept incrementally:
 * the first read covers the lookback, later reads only the recent hours that can still change.
 * A platform whose reports keep changing for weeks (`reportsSettleDays`) has its trailing days
 * re-read too, once a local day (the first refresh after midnight): conversions attributed
 * weeks late are seen, and such a read per campaign a day costs little where one an hour would not.
 * Each campaign has its own attribution-delay estimator, fed by successive reads of the same hours.
 * Days are the account's local days (`zone`), as the platform counts them.
 */
export class Observer {
  private readonly series = new Map<string, Series>();
  private readonly delays = new Map<string, AttributionDelayEstimator>();
  private lastRead = new Map<string, number>();
  private readonly delayHorizon: DelayHorizon;
  /** The local midnight of the day whose trailing days were last re-read. */
  private settledOn = -Infinity;

  constructor(
    /** The account's zone: whose days the reports are added up in. */
    readonly zone: AccountZone,
    private readonly breakdowns: readonly Breakdown[] = ['none'],
    /** The platform's PlatformAdapter.reportsSettleDays. */
    private readonly reportsSettleDays?: number,
  ) {
    this.delayHorizon = settlingDelayHorizon(reportsSettleDays);
  }

  async refresh(platform: PlatformAdapter, campaignIds: readonly string[], now: number): Promise<void> {
    const fresh = campaignIds.filter((id) => !this.lastRead.has(id));
    const known = campaignIds.filter((id) => this.lastRead.has(id));
    const horizon = this.zone.startOfHour(now);
    const lookback = this.zone.addLocalDays(horizon, -LOOKBACK_DAYS);
    if (fresh.length > 0) await this.read(platform, fresh, lookback, horizon, now);
    if (known.length > 0) {
      const reread = Math.min(MAX_REREAD_HOURS, Math.max(MIN_REREAD_HOURS, ...known.map((id) => 6 * this.delay(id).meanDelayHours())));
      const since = Math.min(...known.map((id) => this.lastRead.get(id)!)) - reread * HOUR_MS;
      await this.read(platform, known, Math.max(Math.min(since, this.settleReadFrom(horizon, now)), lookback), horizon, now);
    }
    if (this.reportsSettleDays !== undefined) this.settledOn = this.zone.startOfDay(now);
    this.forget(lookback);
  }

  /** Where today's re-read of the days still settling starts, if it is due (never for a platform that does not say how long its reports change). */
  private settleReadFrom(horizon: number, now: number): number {
    if (this.reportsSettleDays === undefined || this.zone.startOfDay(now) <= this.settledOn) return Infinity;
    return this.zone.addLocalDays(horizon, -this.reportsSettleDays);
  }

  private async read(platform: PlatformAdapter, ids: readonly string[], from: number, to: number, now: number): Promise<void> {
    if (to <= from) return;
    for (const breakdown of this.breakdowns) {
      const rows = await platform.getMetrics({ campaignIds: [...ids], from, to, breakdown });
      for (const row of rows) this.store(row, breakdown, now);
    }
    for (const id of ids) this.lastRead.set(id, to);
  }

  private store(row: HourlyMetrics, breakdown: Breakdown, now: number): void {
    const series = this.seriesOf(row.campaignId);
    if (breakdown === 'none') {
      series.hours.set(row.hour, row);
      this.delay(row.campaignId).recordRead(row.hour, now, row.conversions);
    } else {
      const unit = breakdown === 'audience' ? row.audienceId : row.creativeId;
      // A campaign without audiences (or creatives) answers a breakdown with its total: not a unit.
      if (unit === undefined) return;
      series.units.set(`${row.hour}|${breakdown}:${unit}`, row);
    }
  }

  delay(campaignId: string): AttributionDelayEstimator {
    let estimator = this.delays.get(campaignId);
    if (!estimator) this.delays.set(campaignId, (estimator = new AttributionDelayEstimator(this.delayHorizon)));
    return estimator;
  }

  /**
   * Whole days before `now`, oldest first, for the campaign or one of its audiences or
   * creatives (`unit` as `audience:ID` or `creative:ID`), each with its expected completeness.
   */
  daily(campaignId: string, now: number, unit?: string): DailyObservation[] {
    const series = this.series.get(campaignId);
    if (!series) return [];
    const zone = this.zone;
    const today = zone.startOfDay(now);
    const byDay = new Map<number, { spend: number; conversions: number; revenue: number; hourSpend: number[] }>();
    const add = (row: HourlyMetrics) => {
      if (row.hour >= today) return;
      const day = zone.startOfDay(row.hour);
      let entry = byDay.get(day);
      if (!entry) byDay.set(day, (entry = { spend: 0, conversions: 0, revenue: 0, hourSpend: new Array(zone.hoursInDay(day)).fill(0) }));
      entry.spend += row.spend;
      entry.conversions += row.conversions;
      entry.revenue += row.revenue;
      entry.hourSpend[Math.floor((row.hour - day) / HOUR_MS)] += row.spend;
    };
    if (unit === undefined) for (const row of series.hours.values()) add(row);
    else for (const [key, row] of series.units) if (key.endsWith(`|${unit}`)) add(row);
    const delay = this.delay(campaignId);
    return [...byDay.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([day, e]) => ({
        day,
        spend: e.spend,
        conversions: e.conversions,
        revenue: e.revenue,
        completeness: e.spend > 0 ? Math.min(1, delay.dayCompleteness(day, now, e.hourSpend)) : 1,
      }));
  }

  /** Spend, conversions and revenue reported for the campaign in [from, to). */
  totals(campaignId: string, from: number, to: number): { spend: number; conversions: number; revenue: number } {
    const totals = { spend: 0, conversions: 0, revenue: 0 };
    for (const row of this.series.get(campaignId)?.hours.values() ?? []) {
      if (row.hour < from || row.hour >= to) continue;
      totals.spend += row.spend;
      totals.conversions += row.conversions;
      totals.revenue += row.revenue;
    }
    return totals;
  }

  /**
   * Spend, conversions and revenue of [from, to) as they will stand once attribution is complete
   * (what is reported so far over its expected completeness), with that completeness.
   */
  finalTotals(campaignId: string, from: number, to: number, now: number): { spend: number; conversions: number; revenue: number; completeness: number } {
    const completeness = this.completeness(campaignId, from, to, now);
    const { spend, conversions, revenue } = this.totals(campaignId, from, to);
    const final = (x: number) => (completeness > 0 ? x / completeness : x);
    return { spend, conversions: final(conversions), revenue: final(revenue), completeness };
  }

  /** Spend and clicks of each whole day in [from, to) with any report (`day`: its local midnight): what delivery and the price of a click were. */
  delivery(campaignId: string, from: number, to: number): { day: number; spend: number; clicks: number }[] {
    const byDay = new Map<number, { day: number; spend: number; clicks: number }>();
    for (const row of this.series.get(campaignId)?.hours.values() ?? []) {
      if (row.hour < from || row.hour >= to) continue;
      const day = this.zone.startOfDay(row.hour);
      const entry = byDay.get(day) ?? { day, spend: 0, clicks: 0 };
      entry.spend += row.spend;
      entry.clicks += row.clicks;
      byDay.set(day, entry);
    }
    return [...byDay.values()].sort((a, b) => a.day - b.day);
  }

  /** Expected share of the final conversions of [from, to) already reported. */
  completeness(campaignId: string, from: number, to: number, now: number): number {
    const delay = this.delay(campaignId);
    let weight = 0;
    let seen = 0;
    for (let hour = from; hour < to; hour += HOUR_MS) {
      const spend = this.series.get(campaignId)?.hours.get(hour)?.spend ?? 0;
      weight += spend;
      seen += spend * delay.shareReported((now - hour) / HOUR_MS);
    }
    return weight > 0 ? seen / weight : 1;
  }

  private seriesOf(campaignId: string): Series {
    let series = this.series.get(campaignId);
    if (!series) this.series.set(campaignId, (series = { hours: new Map(), units: new Map() }));
    return series;
  }

  private forget(before: number): void {
    for (const series of this.series.values()) {
      for (const hour of series.hours.keys()) if (hour < before) series.hours.delete(hour);
      for (const [key, row] of series.units) if (row.hour < before) series.units.delete(key);
    }
  }
}
