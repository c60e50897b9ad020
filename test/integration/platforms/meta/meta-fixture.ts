import { FakeMetaServer, fakeWorld } from '@platforms/meta/fake/index';
import { GraphClient } from '@platforms/meta/graph-client';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import { openMetaAdapter, type MetaAdapter } from '@platforms/meta/meta-adapter';
import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';

/** A token only these tests use: it must never show up in a message or a log line. */
export const TOKEN = 'EAAG-test-only-token-7f3a9c2e51d04b8a';

/** Mid-afternoon in New York, twelve days after the clocks went forward: the past of the fake holds a 23-hour day. */
export const NOW = Date.UTC(2026, 2, 20, 19, 30);

/** An account of three campaigns: one with campaign budget over two ad sets and two creatives, one with ad-set budgets, one paused. */
export function threeCampaigns(overrides: Record<string, unknown> = {}): Scenario {
  return makeScenario({
    timezone: 'America/New_York',
    days: 30,
    campaigns: [
      {
        name: 'Prospecting',
        dailyBudget: 100,
        labels: ['brand'],
        audiences: [
          { id: 'broad', name: 'Broad', weight: 2 },
          { id: 'lookalike', name: 'Lookalike 1%', weight: 1 },
        ],
        creatives: [
          { id: 'video', name: 'Video' },
          { id: 'carousel', name: 'Carousel' },
        ],
      },
      {
        name: 'Retargeting',
        dailyBudget: 80,
        labels: ['adset-budget'],
        audiences: [
          { id: 'cart', name: 'Cart abandoners', weight: 1 },
          { id: 'visitors', name: 'Visitors 7d', weight: 1 },
          { id: 'buyers', name: 'Past buyers', weight: 2 },
        ],
      },
      { name: 'Winter sale', dailyBudget: 50, status: 'paused' },
    ],
    ...overrides,
  });
}

export interface Harness {
  fake: FakeMetaServer;
  clock: ManualClock;
  adapter: MetaAdapter;
  client: GraphClient;
  /** Every wait the client asked for, in ms (the clock moves by it; nothing sleeps). */
  slept: number[];
  log: string[];
  close(): Promise<void>;
}

export async function startFake(scenario: Scenario = threeCampaigns(), clock = new ManualClock(NOW)): Promise<FakeMetaServer> {
  return FakeMetaServer.start({ world: fakeWorld(scenario, clock), clock, token: TOKEN });
}

/** The Meta adapter over Node's fetch against a fake; `pageSize` small to make edges page. */
export async function harness(options: { scenario?: Scenario; pageSize?: number } = {}): Promise<Harness> {
  const clock = new ManualClock(NOW);
  const fake = await startFake(options.scenario, clock);
  const slept: number[] = [];
  const log: string[] = [];
  const client = new GraphClient({
    fetch: (url, init) => fetch(url, init),
    token: TOKEN,
    baseUrl: fake.url,
    clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    log: (line) => log.push(line),
    pageSize: options.pageSize,
  });
  const adapter = await openMetaAdapter({
    client,
    accountId: fake.account.id,
    clock,
    idempotency: new MemoryIdempotencyStore(),
    log: (line) => log.push(line),
  });
  return { fake, clock, adapter, client, slept, log, close: () => fake.close() };
}

/** The fake's requests since `from` (an index into `fake.requests`), as "METHOD path". */
export function requestsSince(fake: FakeMetaServer, from: number): string[] {
  return fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);
}

/** Real writes (not dry runs) the fake received for an object since `from`. */
export function writesTo(fake: FakeMetaServer, objectId: string, from = 0): Record<string, unknown>[] {
  return fake.requests
    .slice(from)
    .filter((r) => r.method === 'POST' && r.path === objectId && !String(r.params.execution_options ?? '').includes('validate_only'))
    .map((r) => r.params);
}
