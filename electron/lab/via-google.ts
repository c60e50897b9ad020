import type { HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery } from '@shared/platform/adapter';
import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { FAKE_GOOGLE_TEST_TOKEN, FakeGoogleAdsServer } from '@platforms/google/fake/index';
import { GoogleAdsClient, OperationsQuota, openGoogleAdapter, type AccessLevel, type GoogleAdapter } from '@platforms/google/index';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import type { World } from '@platforms/sandbox/world';
import type { AgentsFactory, AgentsStrategy, ApprovalMode } from './strategy';

/** The access level the lab states: the one an operator's approved developer token usually has. */
const ACCESS_LEVEL: AccessLevel = 'basic';

/** What Google's traffic of one run came to: requests, and operations against the stated access level's daily allowance. */
export interface GoogleTraffic {
  calls: number;
  busiestHourCalls: number;
  operations: number;
  /** The most operations spent in one of Google's quota days (Pacific time). */
  busiestDayOperations: number;
  accessLevel: AccessLevel;
  operationsPerDay: number;
}

/** A world dressed as a Google Ads customer, and the Google adapter connected to it, on one simulated clock. */
export interface GoogleAccountRun {
  adapter: GoogleAdapter;
  fake: FakeGoogleAdsServer;
  clock: ManualClock;
  /** The Google campaign id of each scenario campaign id. */
  googleIds: Map<string, string>;
  traffic(): GoogleTraffic;
}

/**
 * Opens the world as a Google Ads customer: the fake serves it in the process (its `fetch`
 * straight into the adapter's client, no socket) and never moves it (`followClock: false`: the
 * lab steps the world); the clock both read is set by the lab, and waits the client asks for pass
 * no time. The agents of the scenario manage the campaigns it gives them, so that the adapter
 * knows which shared budgets they may change.
 */
export async function openGoogleAccount(world: World): Promise<GoogleAccountRun> {
  const clock = new ManualClock(world.now());
  const fake = FakeGoogleAdsServer.inProcess({ world, clock, token: FAKE_GOOGLE_TEST_TOKEN, followClock: false, keepRequests: false });
  const googleIds = new Map(fake.customer.campaigns.map((c) => [c.state.spec.id, c.id]));
  const quota = new CountedQuota(clock, ACCESS_LEVEL);
  let calls = 0;
  let hourCalls = 0;
  let busiestHourCalls = 0;
  let hourOf = clock.now();
  const client = new GoogleAdsClient({
    fetch: async (url, init) => {
      if (clock.now() !== hourOf) [hourOf, hourCalls] = [clock.now(), 0];
      calls++;
      busiestHourCalls = Math.max(busiestHourCalls, ++hourCalls);
      return fake.fetch(url, init);
    },
    accessToken: async () => FAKE_GOOGLE_TEST_TOKEN,
    customerId: fake.customer.customerId,
    baseUrl: fake.url,
    quota,
    sleep: async () => undefined,
  });
  const managed = managedGoogleIds(world.scenario, googleIds);
  const adapter = await openGoogleAdapter({ client, clock, idempotency: new MemoryIdempotencyStore(), managedCampaignIds: () => managed });
  return {
    adapter,
    fake,
    clock,
    googleIds,
    traffic: () => ({
      calls,
      busiestHourCalls,
      operations: quota.taken,
      busiestDayOperations: quota.busiestDay,
      accessLevel: ACCESS_LEVEL,
      operationsPerDay: quota.perDay,
    }),
  };
}

/** The quota the client plans with, also counting what the run took of it in all and on its busiest quota day. */
class CountedQuota extends OperationsQuota {
  taken = 0;
  busiestDay = 0;

  override take(count: number, what: string): void {
    super.take(count, what);
    this.taken += count;
    this.busiestDay = Math.max(this.busiestDay, this.perDay - this.leftToday());
  }
}

/** The Google ids of every campaign one of the scenario's agents manages. */
export function managedGoogleIds(scenario: Scenario, googleIds: Map<string, string>): string[] {
  if (scenario.agents.some((a) => a.campaigns === '*')) return [...googleIds.values()];
  return [...new Set(scenario.agents.flatMap((a) => (a.campaigns === '*' ? [] : a.campaigns.map((id) => googleIdOf(googleIds, id)))))];
}

function googleIdOf(googleIds: Map<string, string>, id: string): string {
  const found = googleIds.get(id);
  if (found === undefined) throw new Error(`scenario campaign "${id}" has no Google campaign`);
  return found;
}

/** The scenario as the agents meet it on Google: their campaigns named by Google's ids. */
export function scenarioOnGoogle(scenario: Scenario, googleIds: Map<string, string>): Scenario {
  return {
    ...scenario,
    agents: scenario.agents.map((a) => ({ ...a, campaigns: a.campaigns === '*' ? '*' : a.campaigns.map((id) => googleIdOf(googleIds, id)) })),
  };
}

/**
 * The agents played through the Google adapter: each hour the clock is set to the hour's start
 * and the agents see the Google customer, not the sandbox; everything else of the run stays as it is.
 */
export async function agentsViaGoogle(
  run: GoogleAccountRun,
  factory: AgentsFactory,
  env: { scenario: Scenario; approvals: ApprovalMode },
): Promise<AgentsStrategy> {
  const scenario = scenarioOnGoogle(env.scenario, run.googleIds);
  const agents = await factory({ platform: run.adapter, scenario, approvals: env.approvals });
  return {
    async onHour(ctx) {
      run.clock.set(ctx.now);
      await agents.onHour({ ...ctx, platform: run.adapter, scenario });
    },
    stats: () => agents.stats(),
  };
}

/** The account as a recorder reads it after an hour: the Google adapter, with the clock at the world's now. */
export function googleReportsOf(run: GoogleAccountRun, world: World): { world: World; getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> } {
  return {
    world,
    getMetrics(query) {
      run.clock.set(world.now());
      return run.adapter.getMetrics(query);
    },
  };
}
