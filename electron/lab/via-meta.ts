import { ManualClock } from '@shared/time';
import { FAKE_META_TEST_TOKEN, FakeMetaServer, fakeId } from '../platforms/meta/fake/index';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import { GraphClient, openMetaAdapter, type MetaAdapter } from '../platforms/meta/index';
import type { World } from '../platforms/sandbox/world';
import type { PlatformRun } from './via';

/** What Meta's traffic of one run came to: how many calls, the most in one simulated hour, the highest usage Meta reported. */
export interface MetaTraffic {
  calls: number;
  busiestHourCalls: number;
  peakUsagePercent: number;
}

/** A world dressed as a Meta ad account, and the Meta adapter connected to it, on one simulated clock. */
export interface MetaAccountRun extends PlatformRun {
  adapter: MetaAdapter;
  fake: FakeMetaServer;
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
  const ids = new Map(world.campaigns.map((c) => [c.spec.id, fakeId('campaign', c.index)]));
  return {
    adapter,
    fake,
    clock,
    platform: 'Meta',
    ids,
    traffic: () => ({ calls, busiestHourCalls, peakUsagePercent }),
  };
}
