import { describe, expect, it } from 'vitest';
import { managedGoogleIds, openGoogleAccount } from '@lab/via-google';
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
    { name: 'First', campaigns: ['c1'] },
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
    { dailyBudget: 200, labels: ['protected'] },
  ],
});

describe('the agents via Google', () => {
  it('names the agents’ campaigns by their Google ids, and refuses a campaign the customer lacks', () => {
    const googleIds = new Map([
      ['c1', '2000000001'],
      ['c2', '2000000002'],
    ]);
    const onGoogle = scenarioOnPlatform(scenario, { platform: 'Google', ids: googleIds });
    expect(onGoogle.agents.map((a) => a.campaigns)).toEqual([['2000000001'], ['2000000002']]);
    expect(scenario.agents[1].campaigns).toEqual(['c2']);
    expect(() => scenarioOnPlatform(scenario, { platform: 'Google', ids: new Map([['c1', '1']]) })).toThrow(/"c2" has no Google campaign/);
  });

  it('shows the world as a Google customer in the process, without moving the world, and counts calls and operations', async () => {
    const world = new World(scenario);
    const run = await openGoogleAccount(world);
    expect(run.fake.url).toMatch(/\.invalid$/);
    const campaigns = await run.adapter.listCampaigns();
    expect(campaigns.map((c) => c.id)).toEqual(['c1', 'c2', 'c3'].map((id) => run.ids.get(id)));
    expect(campaigns[0].audiences.map((a) => a.name)).toEqual([expect.stringContaining('Broad'), expect.stringContaining('Lookalike')]);
    expect(campaigns.map((c) => c.dailyBudget)).toEqual([1000, 500, 200]);
    // The scenario's labels come from the customer's own data, as on a real account.
    expect(campaigns.map((c) => c.labels)).toEqual([[], [], ['protected']]);
    expect((await run.adapter.getCampaign(run.ids.get('c3') as string)).labels).toEqual(['protected']);

    const firstDayOperations = run.traffic().operations;

    world.advanceTo(30);
    run.clock.set(world.now());
    const googleRows = await run.adapter.getMetrics({ from: world.startMs, to: world.now() });
    const sandboxRows = await new SandboxPlatform(world).getMetrics({ from: world.startMs, to: world.now() });
    expect(world.hour).toBe(30);
    const sum = (rows: { spend: number; conversions: number; revenue: number }[], key: 'spend' | 'conversions' | 'revenue') =>
      rows.reduce((s, r) => s + r[key], 0);
    expect(sum(googleRows, 'spend')).toBeCloseTo(sum(sandboxRows, 'spend'), 2);
    expect(sum(googleRows, 'conversions')).toBeCloseTo(sum(sandboxRows, 'conversions'), 6);
    expect(sum(googleRows, 'revenue')).toBeCloseTo(sum(sandboxRows, 'revenue'), 2);

    const traffic = run.traffic();
    expect(traffic.calls).toBeGreaterThan(0);
    expect(traffic.operations).toBe(traffic.calls);
    // The rest was read 30 hours on, in the next quota day (Google's, in Pacific time).
    expect(traffic.busiestDayOperations).toBe(firstDayOperations);
    expect(traffic).toMatchObject({ accessLevel: 'basic', operationsPerDay: 15_000 });
    expect(run.adapter.operationsLeftToday()).toBe(15_000 - (traffic.operations - firstDayOperations));
  });

  it('tells the adapter which campaigns the scenario’s agents manage: the ones they name, or all when one manages all', () => {
    const googleIds = new Map([
      ['c1', '2000000001'],
      ['c2', '2000000002'],
      ['c3', '2000000003'],
    ]);
    expect(managedGoogleIds(scenario, googleIds)).toEqual(['2000000001', '2000000002']);
    const overAll = { ...scenario, agents: [...scenario.agents, { ...scenario.agents[0], name: 'All', campaigns: '*' as const }] };
    expect(managedGoogleIds(overAll, googleIds)).toEqual(['2000000001', '2000000002', '2000000003']);
  });

  it('plays the agents on the Google adapter at the hour’s time, and records through it', async () => {
    const world = new World(scenario);
    const run = await openGoogleAccount(world);
    const seen: { platform: PlatformAdapter; clock: number; campaigns: unknown }[] = [];
    let builtOn: PlatformAdapter | undefined;
    const factory: AgentsFactory = ({ platform, scenario: onGoogle }) => {
      builtOn = platform;
      return {
        onHour: (ctx) => void seen.push({ platform: ctx.platform, clock: run.clock.now(), campaigns: onGoogle.agents[1].campaigns }),
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
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^\d+$/.test(r.campaignId))).toBe(true);
  });
});
