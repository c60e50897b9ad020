import { describe, expect, it } from 'vitest';
import { Observer } from '@engine/agents/observer';
import { settlingDelayHorizon } from '@engine/forecast';
import type { HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery, PlatformAdapter } from '@shared/platform/adapter';
import { DAY_MS, HOUR_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';

// Los Angeles, across the spring-forward day of 10 March: local days of 24 and 23 hours.
const zone = AccountZone.of('America/Los_Angeles');
const FIRST_REFRESH = zone.dayOfDate('2024-03-01').startMs;
const HISTORY_FROM = FIRST_REFRESH - 60 * DAY_MS;
const DAYS = 40;
const REFRESH_EVERY_HOURS = 4;
/** Reports keep changing this long: a conversion's delay has a mean of 10 days, most arrive within 20. */
const MEAN_DELAY_HOURS = 240;
const CONVERSIONS_PER_HOUR = 40;

/** When each of an hour's conversions is reported, in hours after the hour's start: exponential quantiles, spread over the hour. */
const REPORTED_AFTER = Array.from(
  { length: CONVERSIONS_PER_HOUR },
  (_, k) => (k + 0.5) / CONVERSIONS_PER_HOUR - MEAN_DELAY_HOURS * Math.log(1 - (k + 0.5) / CONVERSIONS_PER_HOUR),
);

/** One campaign whose conversions keep arriving for weeks; it answers as of `now` and keeps every query. */
function latePlatform(settleDays?: number) {
  const queries: (MetricsQuery & { at: number })[] = [];
  let now = FIRST_REFRESH;
  const platform: PlatformAdapter = {
    id: 'late',
    currency: 'USD',
    reportsSettleDays: settleDays,
    listCampaigns: () => Promise.reject(new Error('not asked')),
    getCampaign: () => Promise.reject(new Error('not asked')),
    applyChange: () => Promise.reject(new Error('not asked')),
    async getMetrics(query) {
      queries.push({ ...query, at: now });
      const rows: HourlyMetrics[] = [];
      for (let hour = Math.max(query.from, HISTORY_FROM); hour < query.to && hour < now; hour += HOUR_MS) {
        const age = (now - hour) / HOUR_MS;
        const conversions = REPORTED_AFTER.filter((t) => t <= age).length;
        rows.push({ campaignId: 'c1', hour, spend: 20, impressions: 1000, clicks: 30, conversions, revenue: conversions * 50 });
      }
      return rows;
    },
  };
  return { platform, queries, setNow: (at: number) => void (now = at) };
}

/** Refreshes every few hours for DAYS days; returns the observer and every query it made. */
async function run(settleDays?: number) {
  const { platform, queries, setNow } = latePlatform(settleDays);
  const observer = new Observer(zone, ['none'], settleDays);
  const refreshes: number[] = [];
  for (let at = FIRST_REFRESH; at < FIRST_REFRESH + DAYS * DAY_MS; at += REFRESH_EVERY_HOURS * HOUR_MS) {
    setNow(at);
    refreshes.push(at);
    await observer.refresh(platform, ['c1'], at);
  }
  return { observer, queries, refreshes };
}

const spanDays = (q: MetricsQuery) => (q.to - q.from) / DAY_MS;

describe('Observer: re-reading the days a platform still changes', () => {
  it('re-reads the trailing 28 days at the first refresh of each local day, and learns a delay of days from it', async () => {
    const { observer, queries, refreshes } = await run(28);
    expect(queries).toHaveLength(refreshes.length);
    const [first, ...later] = queries;
    expect(spanDays(first)).toBeGreaterThanOrEqual(35);
    const firstOfDay = refreshes.filter((at, i) => i > 0 && zone.startOfDay(at) !== zone.startOfDay(refreshes[i - 1]));
    const long = later.filter((q) => spanDays(q) > 8);
    expect(long.map((q) => q.at)).toEqual(firstOfDay);
    expect(long).toHaveLength(DAYS - 1);
    for (const q of long) expect(q.from).toBe(zone.addLocalDays(zone.startOfHour(q.at), -28));
    // Every other refresh re-reads only the recent hours.
    for (const q of later.filter((q) => !long.includes(q))) expect(spanDays(q)).toBeLessThanOrEqual(7 + REFRESH_EVERY_HOURS / 24);

    const learned = observer.delay('c1').meanDelayHours();
    expect(learned).toBeGreaterThan(0.8 * MEAN_DELAY_HOURS);
    expect(learned).toBeLessThan(1.25 * MEAN_DELAY_HOURS);
  });

  it('without settle days re-reads at most a week back, and believes in no delay longer than a week', async () => {
    const { observer, queries } = await run(undefined);
    for (const q of queries.slice(1)) expect(spanDays(q)).toBeLessThanOrEqual(7 + REFRESH_EVERY_HOURS / 24);
    const learned = observer.delay('c1').meanDelayHours();
    expect(learned).toBeLessThanOrEqual(168);
    const settled = (await run(28)).observer.delay('c1').meanDelayHours();
    expect(settled).toBeGreaterThan(learned + 48);
  });

  it('refuses settle days that are not a whole number of days', () => {
    for (const bad of [0, -3, 1.5, Number.NaN])
      expect(() => new Observer(zone, ['none'], bad)).toThrow(/reportsSettleDays must be a whole number of days ≥ 1, got/);
    expect(settlingDelayHorizon(undefined)).toEqual({ maxDelayHours: 168, memoryHours: 14 * 24 });
    expect(settlingDelayHorizon(28)).toEqual({ maxDelayHours: 28 * 24, memoryHours: 29 * 24 });
  });
});
