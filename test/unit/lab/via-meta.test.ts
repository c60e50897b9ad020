import { describe, expect, it } from 'vitest';
import { openMetaAccount } from '@lab/via-meta';
import { agentsVia, reportsVia, scenarioOnPlatform } from '@lab/via';
import { NO_ACCURACY, NO_DECISIONS, type AgentsFactory, type HourContext } from '@lab/strategy';
import { World } from '@platforms/sandbox/world';
import { SandboxPlatform } from '@platforms/sandbox/platform';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { HOUR_MS } from '@shared/time';
import { makeScenario } from '../platforms/sandbox/make-scenario';

const scenario = makeScenario({
  days: 3,
  agents: [
    { name: 'All', campaigns: '*' },
    { name: 'Second', campaigns: ['c2'] },
  ],
  campaigns: [
    {
      audiences: [
        { id: 'broad', name: 'Broad', weight: 2 },
        { id: 'lookalike', name: 'Lookalike', weight: 1 },
      ],
    },
    { dailyBudget: 500 },
  ],
});

describe('the agents via Meta', () => {
  it('names the agents’ campaigns by their Meta ids, and refuses a campaign the account lacks', () => {
    const metaIds = new Map([
      ['c1', '120211000100000000'],
      ['c2', '120211000200000000'],
    ]);
    const onMeta = scenarioOnPlatform(scenario, { platform: 'Meta', ids: metaIds });
    expect(onMeta.agents.map((a) => a.campaigns)).toEqual(['*', ['120211000200000000']]);
    expect(scenario.agents[1].campaigns).toEqual(['c2']);
    expect(() => scenarioOnPlatform(scenario, { platform: 'Meta', ids: new Map([['c1', '1']]) })).toThrow(/"c2" has no Meta campaign/);
  });

  it('shows the world as a Meta account in the process, without moving the world, and counts the calls', async () => {
    const world = new World(scenario);
    const run = await openMetaAccount(world);
    expect(run.fake.url).toMatch(/\.invalid$/);
    const campaigns = await run.adapter.listCampaigns();
    expect(campaigns.map((c) => c.id)).toEqual([run.ids.get('c1'), run.ids.get('c2')]);
    expect(campaigns[0].audiences.map((a) => a.name)).toEqual(['Broad', 'Lookalike']);
    expect(campaigns.map((c) => c.dailyBudget)).toEqual([1000, 500]);

    world.advanceTo(30);
    run.clock.set(world.now());
    const metaRows = await run.adapter.getMetrics({ from: world.startMs, to: world.now() });
    const sandboxRows = await new SandboxPlatform(world).getMetrics({ from: world.startMs, to: world.now() });
    expect(world.hour).toBe(30);
    const spend = (rows: { spend: number }[]) => rows.reduce((s, r) => s + r.spend, 0);
    expect(spend(metaRows)).toBeCloseTo(spend(sandboxRows), 0);
    const conversions = (rows: { conversions: number }[]) => rows.reduce((s, r) => s + r.conversions, 0);
    expect(conversions(metaRows)).toBeCloseTo(conversions(sandboxRows), 6);

    const traffic = run.traffic();
    expect(traffic.calls).toBeGreaterThan(0);
    expect(traffic.busiestHourCalls).toBeLessThanOrEqual(traffic.calls);
    expect(traffic.peakUsagePercent).toBeLessThan(75);
  });

  it('plays the agents on the Meta adapter at the hour’s time, and records through it', async () => {
    const world = new World(scenario);
    const run = await openMetaAccount(world);
    const seen: { platform: PlatformAdapter; clock: number; campaigns: unknown }[] = [];
    let builtOn: PlatformAdapter | undefined;
    const factory: AgentsFactory = ({ platform, scenario: onMeta }) => {
      builtOn = platform;
      return {
        onHour: (ctx) => void seen.push({ platform: ctx.platform, clock: run.clock.now(), campaigns: onMeta.agents[1].campaigns }),
        stats: () => ({ decisions: { ...NO_DECISIONS }, violations: 0, conflicts: 0, accuracy: { ...NO_ACCURACY } }),
      };
    };
    const agents = await agentsVia(run, factory, { scenario, approvals: 'none' });
    expect(builtOn).toBe(run.adapter);
    const sandbox = new SandboxPlatform(world);
    const ctx: HourContext = { platform: sandbox, scenario, hour: 5, day: 0, dayStartHour: () => 0, now: world.startMs + 5 * HOUR_MS };
    await agents.onHour(ctx);
    expect(seen).toEqual([{ platform: run.adapter, clock: ctx.now, campaigns: [run.ids.get('c2')] }]);

    world.advanceTo(7);
    const rows = await reportsVia(run, world).getMetrics({ from: world.startMs, to: world.now() });
    expect(run.clock.now()).toBe(world.now());
    expect(rows.every((r) => r.campaignId.startsWith('12021'))).toBe(true);
  });
});
