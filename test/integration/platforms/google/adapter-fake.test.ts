import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '@lab/load-file';
import { GoogleAdsClient } from '@platforms/google/ads-client';
import { FakeGoogleAdsServer, fakeGoogleWorld, type FakeGoogleServerOptions } from '@platforms/google/fake/index';
import { listClientAccounts } from '@platforms/google/google-account';
import { openGoogleAdapter, type GoogleAdapter } from '@platforms/google/google-adapter';
import { OperationsQuota } from '@platforms/google/operations-quota';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS, ManualClock } from '@shared/time';
import { NOW, threeCampaigns, TOKEN } from './fake-fixture';

interface Harness {
  fake: FakeGoogleAdsServer;
  adapter: GoogleAdapter;
  clock: ManualClock;
  slept: number[];
  log: string[];
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

/** The adapter over a real socket to the fake, as the app runs it against Google. */
async function harness(options: Partial<FakeGoogleServerOptions> = {}, managed?: string[], scenario: Scenario = threeCampaigns()): Promise<Harness> {
  const clock = new ManualClock(NOW);
  const fake = await FakeGoogleAdsServer.start({ world: fakeGoogleWorld(scenario, clock), clock, token: TOKEN, ...options });
  const slept: number[] = [];
  const log: string[] = [];
  const client = new GoogleAdsClient({
    fetch: (url, init) => fetch(url, init),
    accessToken: async () => TOKEN,
    customerId: fake.customer.customerId,
    developerToken: 'fake-developer-token',
    baseUrl: fake.url,
    quota: new OperationsQuota(clock, 15_000),
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
  });
  const adapter = await openGoogleAdapter({
    client,
    clock,
    idempotency: new MemoryIdempotencyStore(),
    manages: managed ? (id: string) => managed.includes(id) : undefined,
    log: (line) => log.push(line),
  });
  h = { fake, adapter, clock, slept, log };
  return h;
}

describe('Google adapter against the fake', () => {
  it('reads the customer, its campaigns and their hourly metrics', async () => {
    const { adapter, fake } = await harness();
    expect(adapter.currency).toBe(fake.customer.currency);
    expect(adapter.customer.zone.id).toBe('America/New_York');
    const campaigns = await adapter.listCampaigns();
    expect(campaigns.map((c) => [c.name, c.status, c.dailyBudget])).toEqual([
      ['Prospecting', 'active', 100],
      ['Retargeting', 'active', 80],
      ['Winter sale', 'paused', 50],
    ]);
    expect(campaigns[0].audiences.map((a) => a.name)).toEqual(['Prospecting / Broad', 'Prospecting / Lookalike']);
    expect(campaigns[1].bid).toEqual({ strategy: 'max_cpc', amount: 1.5 });
    const rows = await adapter.getMetrics({ from: NOW - 3 * 24 * HOUR_MS, to: NOW, campaignIds: [campaigns[0].id] });
    expect(rows.length).toBeGreaterThan(24);
    expect(rows.every((r) => r.campaignId === campaigns[0].id && r.hour >= NOW - 3 * 24 * HOUR_MS && r.hour < NOW)).toBe(true);
    expect(rows.reduce((s, r) => s + r.spend, 0)).toBeGreaterThan(0);
  });

  it('shows the labels a bundled scenario gives its campaigns, as Google serves them', async () => {
    const loaded = await loadScenarioFile(fileURLToPath(new URL('../../../../resources/scenarios/market-shift.json', import.meta.url)));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const { adapter, fake } = await harness({}, undefined, loaded.scenario);
    const campaigns = await adapter.listCampaigns();
    expect(campaigns.map((c) => [c.name, c.labels])).toEqual(loaded.scenario.campaigns.map((c) => [c.name, c.labels]));
    expect(campaigns.find((c) => c.name === 'Search - Brand')?.labels).toEqual(['protected']);
    const labelReads = () => fake.requests.filter((r) => /FROM label/.test(String(r.body.query))).length;
    await adapter.listCampaigns();
    expect(labelReads()).toBe(1);
  });

  it('changes a budget: a dry run, then the real mutate, and the fake holds the new amount', async () => {
    const { adapter, fake } = await harness();
    const [prospecting] = await adapter.listCampaigns();
    const from = fake.requests.length;
    const result = await adapter.applyChange({ kind: 'budget', campaignId: prospecting.id, dailyBudget: 123.45 }, 'k1');
    expect(result).toMatchObject({ applied: true, campaign: { dailyBudget: 123.45 } });
    const mutates = fake.requests.slice(from).filter((r) => r.path.endsWith(':mutate'));
    expect(mutates.map((m) => [m.body.validateOnly ?? false, m.body.responseContentType ?? null])).toEqual([
      [true, null],
      [false, 'MUTABLE_RESOURCE'],
    ]);
    expect((await adapter.getCampaign(prospecting.id)).dailyBudget).toBe(123.45);
  });

  it('pauses a campaign and a creative, and sets a CPC bid', async () => {
    const { adapter } = await harness();
    const [prospecting, retargeting] = await adapter.listCampaigns();
    await adapter.applyChange({ kind: 'status', campaignId: retargeting.id, status: 'paused' }, 'k1');
    await adapter.applyChange({ kind: 'creative', campaignId: prospecting.id, creativeId: prospecting.creatives[1].id, enabled: false }, 'k2');
    await adapter.applyChange({ kind: 'bid', campaignId: retargeting.id, bid: { strategy: 'max_cpc', amount: 2.1 } }, 'k3');
    const after = await adapter.listCampaigns();
    expect(after[1]).toMatchObject({ status: 'paused', bid: { strategy: 'max_cpc', amount: 2.1 } });
    expect(after[0].creatives[1].enabled).toBe(false);
  });

  it('retries a read after the retry delay of a rate limit', async () => {
    const { adapter, fake, slept } = await harness();
    fake.faults.inject({ kind: 'rate_limit', retryDelaySeconds: 7, match: { path: 'searchStream' } });
    expect(await adapter.listCampaigns()).toHaveLength(3);
    expect(slept).toEqual([7_000]);
  });

  it('settles a lost mutate answer by reading the budget back', async () => {
    const { adapter, fake, log } = await harness();
    const [prospecting] = await adapter.listCampaigns();
    fake.faults.inject({ kind: 'lost_answer', match: { path: 'campaignBudgets:mutate', validateOnly: false } });
    const result = await adapter.applyChange({ kind: 'budget', campaignId: prospecting.id, dailyBudget: 90 }, 'k1');
    expect(result).toMatchObject({ applied: true, campaign: { dailyBudget: 90 } });
    expect(log.join('\n')).toMatch(/answer was lost/);
  });

  it('leaves alone a shared budget the agents do not fully manage, and refuses CPC bids under automated bidding', async () => {
    const { adapter, fake } = await harness({ sharedBudget: [0, 1], bidding: { 0: 'TARGET_ROAS' } }, []);
    const [prospecting, retargeting] = await adapter.listCampaigns();
    expect(prospecting.automatedBidding).toBe('TARGET_ROAS');
    expect(retargeting.labels).toContain('google:shared-budget');
    const from = fake.requests.length;
    await expect(adapter.applyChange({ kind: 'budget', campaignId: retargeting.id, dailyBudget: 200 }, 'k1')).rejects.toMatchObject({
      platformCode: 'POLICY_REJECTED',
      message: expect.stringContaining(`Prospecting (${prospecting.id})`),
    });
    await expect(adapter.applyChange({ kind: 'bid', campaignId: prospecting.id, bid: { strategy: 'max_cpc', amount: 1 } }, 'k2')).rejects.toThrow(
      /bids automatically \(TARGET_ROAS\)/,
    );
    expect(fake.requests.slice(from).filter((r) => r.path.endsWith(':mutate'))).toEqual([]);
  });

  it('explains a developer token not approved for production in plain words', async () => {
    const { adapter, fake } = await harness();
    fake.faults.inject({ kind: 'project_not_approved' });
    await expect(adapter.listCampaigns()).rejects.toMatchObject({
      platformCode: 'PERMISSION_DENIED',
      message: expect.stringMatching(/apply for Basic access/),
    });
  });
});

describe('Google manager accounts against the fake', () => {
  it('lists the client accounts of a manager, and opens a client through the manager as login customer', async () => {
    const clock = new ManualClock(NOW);
    const manager = { id: '5550001111', name: 'Agency' };
    const fake = await FakeGoogleAdsServer.start({ world: fakeGoogleWorld(threeCampaigns(), clock), clock, token: TOKEN, manager });
    try {
      const client = (customerId: string) =>
        new GoogleAdsClient({
          fetch: (url, init) => fetch(url, init),
          accessToken: async () => TOKEN,
          customerId,
          loginCustomerId: manager.id,
          baseUrl: fake.url,
          quota: new OperationsQuota(clock, 'explorer'),
          sleep: async () => {},
        });
      await expect(openGoogleAdapter({ client: client(manager.id), clock, idempotency: new MemoryIdempotencyStore() })).rejects.toThrow(/manager account/);
      const clients = await listClientAccounts(client(manager.id));
      expect(clients).toEqual([expect.objectContaining({ id: fake.customer.customerId, manager: false })]);
      const adapter = await openGoogleAdapter({ client: client(clients[0].id), clock, idempotency: new MemoryIdempotencyStore() });
      expect(await adapter.listCampaigns()).toHaveLength(3);
      expect(adapter.operationsLeftToday()).toBe(2_880 - 5);
      expect(fake.requests.at(-1)?.loginCustomerId).toBe(manager.id);
    } finally {
      await fake.close();
    }
  });
});
