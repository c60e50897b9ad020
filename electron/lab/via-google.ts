import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { FAKE_GOOGLE_TEST_TOKEN, FakeGoogleAdsServer } from '@platforms/google/fake/index';
import { GoogleAdsClient, OperationsQuota, openGoogleAdapter, type AccessLevel, type GoogleAdapter } from '@platforms/google/index';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import type { World } from '@platforms/sandbox/world';
import { platformIdOf, type PlatformRun } from './via';

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
export interface GoogleAccountRun extends PlatformRun {
  adapter: GoogleAdapter;
  fake: FakeGoogleAdsServer;
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
  const ids = new Map(fake.customer.campaigns.map((c) => [c.state.spec.id, c.id]));
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
  const managed = managedGoogleIds(world.scenario, ids);
  const adapter = await openGoogleAdapter({ client, clock, idempotency: new MemoryIdempotencyStore(), manages: (id) => managed.includes(id) });
  return {
    adapter,
    fake,
    clock,
    platform: 'Google',
    ids,
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
export function managedGoogleIds(scenario: Scenario, ids: Map<string, string>): string[] {
  if (scenario.agents.some((a) => a.campaigns === '*')) return [...ids.values()];
  const naming = { platform: 'Google', ids };
  return [...new Set(scenario.agents.flatMap((a) => (a.campaigns === '*' ? [] : a.campaigns.map((id) => platformIdOf(naming, id)))))];
}
