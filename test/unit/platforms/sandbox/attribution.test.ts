import { describe, expect, it } from 'vitest';
import { World } from '@platforms/sandbox/world';
import { SandboxPlatform } from '@platforms/sandbox/platform';
import { makeScenario } from './make-scenario';

const totals = async (platform: SandboxPlatform, from: number, to: number) => {
  const rows = await platform.getMetrics({ from, to });
  return {
    conversions: rows.reduce((s, r) => s + r.conversions, 0),
    revenue: rows.reduce((s, r) => s + r.revenue, 0),
    spend: rows.reduce((s, r) => s + r.spend, 0),
  };
};

describe('sandbox world: attribution delay', () => {
  it('reports conversions after an exponential delay: recent hours fill in later', async () => {
    const delay = 10;
    const scenario = makeScenario({
      days: 10,
      campaigns: [{ dailyBudget: 1000, response: { maxConversions: 4000, halfSaturationSpend: 1000 }, attribution: { delayHoursMean: delay } }],
    });
    const world = new World(scenario);
    const platform = new SandboxPlatform(world);
    world.advanceTo(24);
    const firstDay = [world.startMs, world.startMs + 86_400_000] as const;
    const early = await totals(platform, ...firstDay);
    world.advanceTo(world.totalHours);
    const final = await totals(platform, ...firstDay);
    expect(early.spend).toBeCloseTo(1000, 6);
    expect(final.conversions).toBe(world.dayConversions[0]);
    // A conversion of hour t (flat hourly) is visible at hour 24 when its delay < 24 − t.
    let share = 0;
    for (let t = 0; t < 24; t++) share += (1 - Math.exp(-(24 - t) / delay)) / 24;
    expect(early.conversions / final.conversions).toBeGreaterThan(share - 0.03);
    expect(early.conversions / final.conversions).toBeLessThan(share + 0.03);
    expect(early.revenue).toBeLessThan(final.revenue);
  });

  it('reports every conversion within its hour when the delay is 0', async () => {
    const world = new World(makeScenario({ days: 2, campaigns: [{}] }));
    const platform = new SandboxPlatform(world);
    world.advanceTo(24);
    const seen = await totals(platform, world.startMs, world.now());
    expect(seen.conversions).toBe(world.dayConversions[0]);
    expect(seen.revenue).toBeCloseTo(world.dayRevenue[0], 6);
  });

  it('never reports an hour that has not been simulated yet', async () => {
    const world = new World(makeScenario({ days: 2, campaigns: [{}] }));
    const platform = new SandboxPlatform(world);
    world.advanceTo(5);
    const rows = await platform.getMetrics({ from: world.startMs, to: world.startMs + 48 * 3_600_000 });
    expect(rows.map((r) => (r.hour - world.startMs) / 3_600_000)).toEqual([0, 1, 2, 3, 4]);
  });
});
