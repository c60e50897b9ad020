import { describe, expect, it } from 'vitest';
import { World } from '@platforms/sandbox/world';
import { SandboxPlatform } from '@platforms/sandbox/platform';
import type { HourlyMetrics } from '@shared/domain/campaign';
import { HOUR_MS } from '@shared/time';
import { makeScenario } from './make-scenario';

/** More demand later in the day: every wall-clock hour has its own share. */
const HOURLY = Array.from({ length: 24 }, (_, h) => h + 1);
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);

function run(world: World): World {
  while (!world.finished) world.step();
  return world;
}

async function rowsOf(world: World): Promise<HourlyMetrics[]> {
  return new SandboxPlatform(world).getMetrics({ from: world.startMs, to: world.now() });
}

/** The local day's rows, and the wall-clock hour of each. */
function dayRows(world: World, rows: readonly HourlyMetrics[], date: string): { wall: number; spend: number }[] {
  return rows.filter((r) => world.zone.date(r.hour) === date).map((r) => ({ wall: world.zone.hour(r.hour), spend: r.spend }));
}

describe('sandbox world: the account’s local days', () => {
  it('New York in March: hour zero at 05:00 UTC, a 23-hour Sunday that still spends its budget, shares on wall-clock hours', async () => {
    const scenario = makeScenario({ timezone: 'America/New_York', start: '2026-03-06', days: 5, hourly: HOURLY, campaigns: [{ dailyBudget: 1000 }] });
    const world = run(new World(scenario));
    expect(world.startMs).toBe(Date.UTC(2026, 2, 6, 5));
    expect([0, 1, 2, 3, 4, 5].map((d) => world.dayStartHour(d))).toEqual([0, 24, 48, 71, 95, 119]);
    expect(world.totalHours).toBe(119);
    for (let d = 0; d < 5; d++) expect(world.daySpend[d]).toBeCloseTo(1000, 9);

    const rows = await rowsOf(world);
    const sunday = dayRows(world, rows, '2026-03-08');
    // 02:00 does not exist that night: the 23 hours share the day by their own wall-clock hours.
    expect(sunday.map((r) => r.wall)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    const sundaySum = HOURLY_SUM - HOURLY[2];
    for (const r of sunday) expect(r.spend).toBeCloseTo((1000 * HOURLY[r.wall]) / sundaySum, 9);
    // After the change midnight is 04:00 UTC; an ordinary day keeps `hourly` as it is.
    const monday = dayRows(world, rows, '2026-03-09');
    expect(new Date(world.startMs + world.dayStartHour(3) * HOUR_MS).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(monday.map((r) => r.wall)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    for (const r of monday) expect(r.spend).toBeCloseTo((1000 * HOURLY[r.wall]) / HOURLY_SUM, 9);
  });

  it('New York in November: a 25-hour Sunday whose repeated hour takes its share twice, normalised to the budget', async () => {
    const scenario = makeScenario({ timezone: 'America/New_York', start: '2026-10-31', days: 3, hourly: HOURLY, campaigns: [{ dailyBudget: 1000 }] });
    const world = run(new World(scenario));
    expect([0, 1, 2, 3].map((d) => world.dayStartHour(d))).toEqual([0, 24, 49, 73]);
    for (let d = 0; d < 3; d++) expect(world.daySpend[d]).toBeCloseTo(1000, 9);
    const sunday = dayRows(world, await rowsOf(world), '2026-11-01');
    expect(sunday.map((r) => r.wall)).toEqual([0, 1, 1, ...Array.from({ length: 22 }, (_, i) => i + 2)]);
    const sundaySum = HOURLY_SUM + HOURLY[1];
    for (const r of sunday) expect(r.spend).toBeCloseTo((1000 * HOURLY[r.wall]) / sundaySum, 9);
    expect(sunday.reduce((s, r) => s + r.spend, 0)).toBeCloseTo(1000, 9);
  });

  it('goes by local weekdays and local calendar dates', () => {
    // Sunday weighs 0.5; the event doubles demand on Monday 2026-03-09, local date.
    const weekly = [1, 1, 1, 1, 1, 1, 0.5];
    const scenario = makeScenario({
      timezone: 'America/New_York',
      start: '2026-03-06',
      days: 5,
      weekly,
      calendar: [{ name: 'Sale', from: '2026-03-09', to: '2026-03-09', demand: 2, cpc: 1.5 }],
      campaigns: [{}],
    });
    const world = new World(scenario);
    expect([...world.calendar.demand]).toEqual([1, 1, 0.5, 2, 1]);
    expect([...world.calendar.cpc]).toEqual([1, 1, 1, 1.5, 1]);
  });

  it('Kolkata (+05:30): days begin at 18:30 UTC the evening before, and every hour starts at :30', async () => {
    const scenario = makeScenario({ timezone: 'Asia/Kolkata', start: '2026-01-05', days: 2, hourly: HOURLY, campaigns: [{ dailyBudget: 1000 }] });
    const world = run(new World(scenario));
    expect(new Date(world.startMs).toISOString()).toBe('2026-01-04T18:30:00.000Z');
    expect(world.totalHours).toBe(48);
    const rows = await rowsOf(world);
    expect(rows.every((r) => new Date(r.hour).getUTCMinutes() === 30)).toBe(true);
    const first = dayRows(world, rows, '2026-01-05');
    expect(first.map((r) => r.wall)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    for (const r of first) expect(r.spend).toBeCloseTo((1000 * HOURLY[r.wall]) / HOURLY_SUM, 9);
  });

  it('draws the same random numbers for the same day and hour, whatever the zone', () => {
    const noisy = { campaigns: [{ market: { cpc: 1, cpcSigma: 0.3 }, noise: { dispersion: 0.3 } }], days: 3 };
    const utc = new World(makeScenario(noisy));
    const kolkata = new World(makeScenario({ ...noisy, timezone: 'Asia/Kolkata' }));
    for (let d = 0; d < 3; d++) {
      for (let h = 0; h < 24; h++) [utc, kolkata].forEach((w) => w.step());
      expect(kolkata.campaigns[0].cpcToday).toBe(utc.campaigns[0].cpcToday);
      expect(kolkata.dayConversions[d]).toBe(utc.dayConversions[d]);
    }
  });

  it('refuses an hour zero that is not a local midnight, naming the zone', () => {
    const scenario = makeScenario({ timezone: 'America/New_York', campaigns: [{}] });
    expect(() => new World(scenario, { startMs: Date.UTC(2026, 0, 5) })).toThrow(
      'hour zero of the account must be a local midnight in America/New_York, got 2026-01-04T19:00:00-05:00',
    );
  });
});
