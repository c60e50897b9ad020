import { FakeGoogleAdsServer, fakeGoogleWorld, type FakeGoogleServerOptions } from '@platforms/google/fake/index';
import type { Scenario } from '@shared/scenario/schema';
import { ManualClock } from '@shared/time';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';

/** A token only these tests use. */
export const TOKEN = 'made-up-google-access-token-5c1e';

/** Mid-afternoon in New York, twelve days after the clocks went forward: the past of the fake holds a 23-hour day. */
export const NOW = Date.UTC(2026, 2, 20, 19, 30);

/** A customer of three campaigns: one over two ad groups and two ads, one over three ad groups bidding a max CPC, one paused. */
export function threeCampaigns(overrides: Record<string, unknown> = {}): Scenario {
  return makeScenario({
    timezone: 'America/New_York',
    days: 30,
    campaigns: [
      {
        name: 'Prospecting',
        dailyBudget: 100,
        audiences: [
          { id: 'broad', name: 'Broad', weight: 2 },
          { id: 'lookalike', name: 'Lookalike', weight: 1 },
        ],
        creatives: [
          { id: 'video', name: 'Video' },
          { id: 'carousel', name: 'Carousel' },
        ],
      },
      {
        name: 'Retargeting',
        dailyBudget: 80,
        bid: { strategy: 'max_cpc', amount: 1.5 },
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

export interface GoogleHarness {
  fake: FakeGoogleAdsServer;
  clock: ManualClock;
  /** POSTs JSON to a route after /v25/ with the test token (and the headers given). */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Runs a GAQL query through searchStream and returns every row of every batch. */
  rows(query: string, headers?: Record<string, string>): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startGoogleFake(options: Partial<FakeGoogleServerOptions> = {}, scenario = threeCampaigns()): Promise<GoogleHarness> {
  const clock = new ManualClock(NOW);
  const fake = await FakeGoogleAdsServer.start({ world: fakeGoogleWorld(scenario, clock), clock, token: TOKEN, ...options });
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fake.url}/v25/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const rows = async (query: string, headers: Record<string, string> = {}) => {
    const answer = await post(`customers/${fake.customer.customerId}/googleAds:searchStream`, { query }, headers);
    if (answer.status !== 200) throw new Error(`searchStream answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return (answer.body as { results?: Record<string, unknown>[] }[]).flatMap((batch) => batch.results ?? []);
  };
  return { fake, clock, post, rows, close: () => fake.close() };
}
