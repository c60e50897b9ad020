import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdAccount, AdSet, Campaign, FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import type { FakeMetaServer } from '@platforms/meta/fake/index';
import { fakeId } from '@platforms/meta/fake/index';
import { startFake, TOKEN } from './meta-fixture';

/**
 * Meta's official Node SDK, a client nobody here wrote, driving the fake: what it sends (JSON
 * bodies repeating the id, objects as JSON text in the query, `paging.next` followed as given)
 * must be taken, and what the fake answers must not trip it.
 */
let fake: FakeMetaServer;
let graphGetter: PropertyDescriptor | undefined;

beforeAll(async () => {
  fake = await startFake();
  graphGetter = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH');
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => fake.url, configurable: true });
  // Crash logging off: on, the SDK installs a process-wide handler that reports to Meta.
  FacebookAdsApi.init(TOKEN, 'en_US', false);
});

afterAll(async () => {
  if (graphGetter) Object.defineProperty(FacebookAdsApi, 'GRAPH', graphGetter);
  await fake.close();
});

async function everyPage(first: Promise<Awaited<ReturnType<AdAccount['getCampaigns']>>>) {
  let cursor = await first;
  const all = [...cursor];
  while (cursor.hasNext()) {
    cursor = await cursor.next();
    all.push(...cursor);
  }
  return all;
}

describe("Meta's Node SDK against the fake", () => {
  it('calls the pinned version', () => {
    expect(FacebookAdsApi.VERSION).toBe('v24.0');
  });

  it('lists campaigns page by page and the ad sets of a campaign', async () => {
    const account = new AdAccount(fake.account.id);
    const campaigns = await everyPage(account.getCampaigns(['id', 'name', 'daily_budget', 'status'], { limit: 2 }));
    expect(campaigns.map((c) => c._data.name)).toEqual(['Prospecting', 'Retargeting', 'Winter sale']);
    expect(campaigns[0]._data.daily_budget).toBe('10000');
    const adSets = await everyPage(new Campaign(fakeId('campaign', 1)).getAdSets(['id', 'name', 'daily_budget', 'learning_stage_info'], { limit: 2 }));
    expect(adSets.map((a) => a._data.daily_budget)).toEqual(['2000', '2000', '4000']);
    expect(adSets[0]._data.learning_stage_info).toMatchObject({ status: expect.any(String) });
  });

  it('reads insights with a time range, daily rows, attribution windows and the hourly breakdown', async () => {
    const account = new AdAccount(fake.account.id);
    const range = { since: '2026-03-16', until: '2026-03-17' };
    const daily = await everyPage(
      account.getInsights(['campaign_id', 'spend', 'actions', 'action_values'], {
        level: 'campaign',
        time_range: range,
        time_increment: 1,
        action_attribution_windows: ['7d_click'],
      }),
    );
    expect(daily.map((r) => r._data.date_start)).toEqual(expect.arrayContaining(['2026-03-16', '2026-03-17']));
    const purchase = (daily[0]._data.actions as { action_type: string; value: string; '7d_click': string }[]).find((a) => a.action_type === 'purchase');
    expect(purchase?.['7d_click']).toBe(purchase?.value);
    const hourly = await everyPage(
      account.getInsights(['spend', 'clicks'], {
        level: 'account',
        time_range: range,
        time_increment: 1,
        breakdowns: ['hourly_stats_aggregated_by_advertiser_time_zone'],
        limit: 10,
      }),
    );
    expect(hourly).toHaveLength(48);
  });

  it('updates a budget (and dry-runs one with validate_only)', async () => {
    const id = fakeId('adset', 1, 0);
    expect(await new AdSet(id, { daily_budget: 2600, execution_options: ['validate_only'] }).update()).toEqual({ success: true });
    expect(fake.account.campaigns[1].adSetBudgets[0]).toBe(2000);
    expect(await new AdSet(id, { daily_budget: '2600' }).update()).toEqual({ success: true });
    expect(fake.account.campaigns[1].adSetBudgets[0]).toBe(2600);
    const post = fake.requests.filter((r) => r.method === 'POST').at(-1);
    expect(post?.params).toMatchObject({ id, daily_budget: '2600' });
  });

  it('reads a refusal the SDK can report, without crashing', async () => {
    const error = await new AdSet(fakeId('adset', 1, 0), { daily_budget: 5 }).update().catch((e: Error & { response?: unknown }) => e);
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify((error as { response?: unknown }).response)).toContain('Budget Too Low');
  });
});
