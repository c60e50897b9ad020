import type { HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery } from '@shared/platform/adapter';
import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { FAKE_META_TEST_TOKEN, FakeMetaServer, fakeId } from '../platforms/meta/fake/index';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import { GraphClient, openMetaAdapter, type MetaAdapter } from '../platforms/meta/index';
import type { World } from '../platforms/sandbox/world';
import type { AgentsFactory, AgentsStrategy, ApprovalMode } from './strategy';

/** What Meta's traffic of one run came to: how many calls, the most in one simulated hour, the highest usage Meta reported. */
export interface MetaTraffic {
  calls: number;
  busiestHourCalls: number;
  peakUsagePercent: number;
}

/** A world dressed as a Meta ad account, and the Meta adapter connected to it, on one simulated clock. */
export interface MetaAccountRun {
  adapter: MetaAdapter;
  fake: FakeMetaServer;
  clock: ManualClock;
  /** The Meta campaign id of each scenario campaign id. */
  metaIds: Map<string, string>;
  traffic(): MetaTraffic;
}

/**
 * Opens the world as a Meta ad account: the fake serves it in the process (its `fetch` straight
 * into the adapter's client, no socket) and never moves it (`followClock: false`: the lab steps
 * the world); the clock both read is set by the lab, and waits the client asks for pass no time.
 */
export async function openMetaAccount(world: World): Promise<MetaAccountRun> {
  const clock = new ManualClock(world.now());
  const fake = FakeMetaServer.inProcess({ world, clock, token: FAKE_META_TEST_TOKEN, followClock: false, keepRequests: false });
  let calls = 0;
  let hourCalls = 0;
  let busiestHourCalls = 0;
  let hourOf = clock.now();
  let peakUsagePercent = 0;
  const client = new GraphClient({
    fetch: async (url, init) => {
      if (clock.now() !== hourOf) [hourOf, hourCalls] = [clock.now(), 0];
      calls++;
      busiestHourCalls = Math.max(busiestHourCalls, ++hourCalls);
      const response = await fake.fetch(url, init);
      peakUsagePercent = Math.max(peakUsagePercent, fake.usage.percent(clock.now()));
      return response;
    },
    token: FAKE_META_TEST_TOKEN,
    baseUrl: fake.url,
    clock,
    sleep: async () => undefined,
  });
  const adapter = await openMetaAdapter({ client, accountId: fake.account.id, clock, idempotency: new MemoryIdempotencyStore() });
  const metaIds = new Map(world.campaigns.map((c) => [c.spec.id, fakeId('campaign', c.index)]));
  return {
    adapter,
    fake,
    clock,
    metaIds,
    traffic: () => ({ calls, busiestHourCalls, peakUsagePercent }),
  };
}

/** The scenario as the agents meet it on Meta: their campaigns named by Meta's ids. */
export function scenarioOnMeta(scenario: Scenario, metaIds: Map<string, string>): Scenario {
  const metaId = (id: string) => {
    const found = metaIds.get(id);
    if (found === undefined) throw new Error(`scenario campaign "${id}" has no Meta campaign`);
    return found;
  };
  return { ...scenario, agents: scenario.agents.map((a) => ({ ...a, campaigns: a.campaigns === '*' ? '*' : a.campaigns.map(metaId) })) };
}

/**
 * The agents played through the Meta adapter: each hour the clock is set to the hour's start and
 * the agents see the Meta account, not the sandbox; everything else of the run stays as it is.
 */
export async function agentsViaMeta(
  run: MetaAccountRun,
  factory: AgentsFactory,
  env: { scenario: Scenario; approvals: ApprovalMode },
): Promise<AgentsStrategy> {
  const scenario = scenarioOnMeta(env.scenario, run.metaIds);
  const agents = await factory({ platform: run.adapter, scenario, approvals: env.approvals });
  return {
    async onHour(ctx) {
      run.clock.set(ctx.now);
      await agents.onHour({ ...ctx, platform: run.adapter, scenario });
    },
    stats: () => agents.stats(),
  };
}

/** The account as a recorder reads it after an hour: the Meta adapter, with the clock at the world's now. */
export function metaReportsOf(run: MetaAccountRun, world: World): { world: World; getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> } {
  return {
    world,
    getMetrics(query) {
      run.clock.set(world.now());
      return run.adapter.getMetrics(query);
    },
  };
}
