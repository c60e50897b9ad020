import { describe, expect, it } from 'vitest';
import { openGoogleAdapter } from '@platforms/google/google-adapter';
import { LABELS } from '@platforms/google/campaign-view';
import { PlatformError } from '@shared/platform/adapter';
import { failure, makeClient, scriptedFetch, world, type Script, type World } from './google-fixture';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';

async function open(w: World = world(), script?: Script, options: { managed?: string[]; log?: string[] } = {}) {
  const { fetch, sent } = scriptedFetch(w, script);
  const { client, clock, quota } = makeClient(fetch, 15_000, { log: options.log });
  const store = new MemoryIdempotencyStore();
  const adapter = await openGoogleAdapter({
    client,
    clock,
    idempotency: store,
    manages: options.managed ? (id: string) => (options.managed ?? []).includes(id) : undefined,
    log: options.log ? (line) => options.log?.push(line) : undefined,
  });
  const mutates = () => sent.filter((s) => s.url.endsWith(':mutate'));
  return { adapter, sent, mutates, store, clock, quota, w };
}

const budget = (campaignId: string, dailyBudget: number) => ({ kind: 'budget' as const, campaignId, dailyBudget });

describe('Google adapter: reads', () => {
  it('opens the customer with its currency and time zone, and says what its reports assume', async () => {
    const { adapter } = await open();
    expect(adapter).toMatchObject({ id: '1234567890', currency: 'USD', reportsSettleDays: 30 });
    expect(adapter.customer.zone.id).toBe('America/New_York');
    expect(adapter.reportingNotes.join(' ')).toMatch(/up to twice a campaign's daily budget/);
  });

  it('refuses a manager account, which has no campaigns of its own', async () => {
    const { fetch } = scriptedFetch(world(), (s) =>
      /FROM customer/.test(String(s.body.query))
        ? new Response(JSON.stringify([{ results: [{ customer: { id: '1234567890', currencyCode: 'USD', timeZone: 'UTC', manager: true } }] }]))
        : undefined,
    );
    const { client, clock } = makeClient(fetch);
    await expect(openGoogleAdapter({ client, clock, idempotency: new MemoryIdempotencyStore() })).rejects.toThrow(/manager account.*client accounts/);
  });

  it('lists campaigns not removed, with budgets from micros, ad groups as audiences and ads as creatives', async () => {
    const { adapter } = await open();
    const campaigns = await adapter.listCampaigns();
    expect(campaigns.map((c) => c.id)).toEqual(['111', '222', '333']);
    expect(campaigns[0]).toEqual({
      id: '111',
      name: 'Brand search',
      platform: 'google',
      status: 'active',
      dailyBudget: 50,
      minDailyBudget: 0.01,
      labels: ['brand'],
      bid: { strategy: 'max_cpc', amount: 1.23 },
      audiences: [{ id: '1001', name: 'Exact brand', weight: 1, enabled: true }],
      creatives: [
        { id: '9001', name: 'RSA one', enabled: true, liveSince: null },
        { id: '9002', name: 'ad 9002', enabled: false, liveSince: null },
      ],
    });
    expect(campaigns[1]).toMatchObject({ dailyBudget: 120.01, labels: [LABELS.sharedBudget], bid: { strategy: 'max_cpc', amount: 0.8 } });
  });

  it('names every campaign on a shared budget, whether the whole account or one campaign is read', async () => {
    const { adapter } = await open();
    const campaigns = await adapter.listCampaigns();
    expect(campaigns[0].sharedBudget).toBeUndefined();
    expect(campaigns[1].sharedBudget).toEqual({ id: '72', name: 'Shared pool', campaignIds: ['222', '333'] });
    expect((await adapter.getCampaign('333')).sharedBudget).toEqual(campaigns[1].sharedBudget);
  });

  it('says on the campaign when Google bids automatically', async () => {
    const { adapter } = await open();
    const shopping = await adapter.getCampaign('333');
    expect(shopping).toMatchObject({ status: 'paused', automatedBidding: 'TARGET_ROAS', bid: { strategy: 'lowest_cost' } });
    expect(shopping.labels).toEqual(['protected', 'brand', LABELS.sharedBudget, LABELS.automatedBidding]);
  });

  it('names labels from the customer’s label rows, read again only when a campaign carries one not yet known', async () => {
    const { adapter, sent, w } = await open();
    const labelReads = () => sent.filter((s) => /FROM label/.test(String(s.body.query))).length;
    await adapter.listCampaigns();
    await adapter.getCampaign('333');
    expect(labelReads()).toBe(1);
    w.labels.push({ resourceName: 'customers/1234567890/labels/83', id: '83', name: 'seasonal' });
    w.campaigns[1].labels = ['customers/1234567890/labels/83'];
    expect((await adapter.getCampaign('222')).labels).toEqual(['seasonal', LABELS.sharedBudget]);
    expect(labelReads()).toBe(2);
  });

  it('reports a removed or unknown campaign as not found', async () => {
    const { adapter } = await open();
    await expect(adapter.getCampaign('444')).rejects.toMatchObject({ platformCode: 'NOT_FOUND' });
    await expect(adapter.getCampaign('1 OR 1=1')).rejects.toMatchObject({ platformCode: 'NOT_FOUND' });
  });

  it('reads hourly metrics by the local date and hour of the account, cost from micros', async () => {
    const w = world();
    const row = (date: string, hour: number, costMicros: string) => ({
      campaign: { id: '111' },
      segments: { date, hour },
      metrics: { costMicros, clicks: '3', impressions: '120', conversions: 1.5, conversionsValue: 45.25 },
    });
    // 8 March 2026 is the day New York springs forward: 02:00 does not exist, 03:00 is 07:00 UTC.
    w.metrics.push(row('2026-03-08', 1, '1010000'), row('2026-03-08', 3, '2020000'), row('2026-03-09', 0, '999999999'));
    const { adapter, sent } = await open(w);
    const from = Date.UTC(2026, 2, 8, 5);
    const rows = await adapter.getMetrics({ from, to: Date.UTC(2026, 2, 9, 4), campaignIds: ['111'] });
    expect(rows).toEqual([
      { campaignId: '111', hour: Date.UTC(2026, 2, 8, 6), spend: 1.01, impressions: 120, clicks: 3, conversions: 1.5, revenue: 45.25 },
      { campaignId: '111', hour: Date.UTC(2026, 2, 8, 7), spend: 2.02, impressions: 120, clicks: 3, conversions: 1.5, revenue: 45.25 },
    ]);
    const query = String(sent.at(-1)?.body.query);
    expect(query).toMatch(
      /segments\.date, segments\.hour, metrics\.cost_micros, metrics\.clicks, metrics\.impressions, metrics\.conversions, metrics\.conversions_value FROM campaign/,
    );
    expect(query).toMatch(/WHERE segments\.date BETWEEN '2026-03-08' AND '2026-03-08' AND campaign\.id = 111$/);
  });
});

describe('Google adapter: changes', () => {
  it('dry-runs a budget change with validateOnly, sends it for real and reads the new value from the answer', async () => {
    const { adapter, mutates, w, clock } = await open();
    const result = await adapter.applyChange(budget('111', 64.99), 'k1');
    expect(result).toMatchObject({ applied: true, appliedAt: clock.now(), campaign: { id: '111', dailyBudget: 64.99 } });
    const expected = [{ update: { resourceName: 'customers/1234567890/campaignBudgets/71', amountMicros: '64990000' }, updateMask: 'amountMicros' }];
    expect(mutates().map((m) => [m.url.split('/').pop(), m.body])).toEqual([
      ['campaignBudgets:mutate', { operations: expected, validateOnly: true }],
      ['campaignBudgets:mutate', { operations: expected, responseContentType: 'MUTABLE_RESOURCE' }],
    ]);
    expect(w.budgets['71'].amountMicros).toBe('64990000');
  });

  it('turns a validate-only refusal into a refusal carrying Google code and words, and sends nothing for real', async () => {
    const refuse: Script = (s) =>
      s.body.validateOnly ? failure(400, 'INVALID_ARGUMENT', 'campaignBudgetError', 'MONEY_AMOUNT_TOO_LARGE', 'The budget amount is too large.') : undefined;
    const { adapter, mutates, w } = await open(world(), refuse);
    const error = (await adapter.applyChange(budget('111', 1e9), 'k1').catch((e: unknown) => e)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.refusesChange).toBe(true);
    expect(error.message).toMatch(/campaignBudgetError\.MONEY_AMOUNT_TOO_LARGE\): The budget amount is too large/);
    expect(mutates()).toHaveLength(1);
    expect(w.budgets['71'].amountMicros).toBe('50000000');
  });

  it('settles a lost answer by reading the resource back: applied when it shows the new value', async () => {
    const log: string[] = [];
    const w = world();
    const lose: Script = (s) => {
      if (!s.url.endsWith(':mutate') || s.body.validateOnly) return undefined;
      w.campaigns[0].status = 'PAUSED';
      return new Error('socket hang up');
    };
    const { adapter, sent } = await open(w, lose, { log });
    const result = await adapter.applyChange({ kind: 'status', campaignId: '111', status: 'paused' }, 'k1');
    expect(result).toMatchObject({ applied: true, campaign: { status: 'paused' } });
    expect(String(sent.at(-1)?.body.query)).toBe('SELECT campaign.resource_name, campaign.status FROM campaign WHERE campaign.id = 111');
    expect(log.join('\n')).toMatch(/answer was lost .*read back shows it applied/);
  });

  it('settles a lost answer by reading the resource back: not applied when it shows the old value', async () => {
    const lose: Script = (s) => (s.url.endsWith(':mutate') && !s.body.validateOnly ? new Error('socket hang up') : undefined);
    const { adapter, store } = await open(world(), lose);
    await expect(adapter.applyChange(budget('111', 70), 'k1')).rejects.toMatchObject({
      platformCode: 'TRANSIENT',
      message: expect.stringMatching(/reads back unchanged, so it was not applied/),
    });
    expect(store.get(adapter.id, 'k1')).toBeUndefined();
  });

  it('settles an ambiguous read-back (changed by someone since) from the change history', async () => {
    for (const ours of [true, false]) {
      const w = world();
      const events = ours
        ? [
            {
              changeEvent: {
                changeResourceName: 'customers/1234567890/campaignBudgets/71',
                clientType: 'GOOGLE_ADS_API',
                newResource: { campaignBudget: { amountMicros: '70000000' } },
              },
            },
          ]
        : [];
      const script: Script = (s) => {
        if (/FROM change_event/.test(String(s.body.query))) return new Response(JSON.stringify([{ results: events }]));
        if (!s.url.endsWith(':mutate') || s.body.validateOnly) return undefined;
        w.budgets['71'].amountMicros = '65000000';
        return failure(503, 'UNAVAILABLE', 'internalError', 'TRANSIENT_ERROR', 'The service is unavailable.');
      };
      const { adapter, sent } = await open(w, script);
      const outcome = await adapter.applyChange(budget('111', 70), 'k1').catch((e: unknown) => e);
      const history = String(sent.find((x) => /FROM change_event/.test(String(x.body.query)))?.body.query);
      expect(history).toMatch(/WHERE change_event\.change_date_time >= '2026-03-02 11:55:00' ORDER BY change_event\.change_date_time LIMIT \d+$/);
      if (ours) expect(outcome).toMatchObject({ applied: true, campaign: { dailyBudget: 65 } });
      else expect(outcome).toMatchObject({ platformCode: 'TRANSIENT', message: expect.stringMatching(/change history holds no such change/) });
    }
  });

  it('honours an idempotency key: the same change again is not sent, a different change under it is refused', async () => {
    const { adapter, mutates } = await open();
    const first = await adapter.applyChange(budget('111', 75), 'k1');
    const again = await adapter.applyChange(budget('111', 75), 'k1');
    expect(again).toEqual({ ...first, applied: false });
    expect(mutates()).toHaveLength(2);
    await expect(adapter.applyChange(budget('111', 80), 'k1')).rejects.toThrow(/already used for a different change/);
    expect(mutates()).toHaveLength(2);
  });

  it('sends nothing for a value that already stands', async () => {
    const { adapter, mutates } = await open();
    expect(await adapter.applyChange(budget('111', 50), 'k1')).toMatchObject({ applied: true, campaign: { dailyBudget: 50 } });
    expect(mutates()).toEqual([]);
  });

  it('leaves alone a shared budget the agents do not fully manage, naming the other campaigns', async () => {
    for (const managed of [undefined, ['222']]) {
      const { adapter, mutates, w } = await open(world(), undefined, { managed });
      const error = (await adapter.applyChange(budget('222', 150), 'k1').catch((e: unknown) => e)) as PlatformError;
      expect(error).toMatchObject({ platformCode: 'POLICY_REJECTED' });
      expect(error.message).toMatch(/Shared pool is shared with Shopping \(333\)/);
      expect(mutates()).toEqual([]);
      expect(w.budgets['72'].amountMicros).toBe('120010000');
    }
  });

  it('changes a shared budget when every campaign on it is managed', async () => {
    const { adapter, w } = await open(world(), undefined, { managed: ['222', '333'] });
    await adapter.applyChange(budget('222', 150), 'k1');
    expect(w.budgets['72'].amountMicros).toBe('150000000');
  });

  it('refuses a CPC bid on a campaign with automated bidding, before sending anything', async () => {
    const { adapter, mutates } = await open(world(), undefined, { managed: ['222', '333'] });
    await expect(adapter.applyChange({ kind: 'bid', campaignId: '333', bid: { strategy: 'max_cpc', amount: 1 } }, 'k1')).rejects.toMatchObject({
      platformCode: 'INVALID_CHANGE',
      message: expect.stringMatching(/bids automatically \(TARGET_ROAS\).*no CPC bid to change/),
    });
    expect(mutates()).toEqual([]);
  });

  it('sets a CPC bid on every positive criterion of a manual-CPC campaign', async () => {
    const { adapter, mutates, w } = await open();
    const result = await adapter.applyChange({ kind: 'bid', campaignId: '111', bid: { strategy: 'max_cpc', amount: 1.5 } }, 'k1');
    expect(result.campaign.bid).toEqual({ strategy: 'max_cpc', amount: 1.5 });
    expect(mutates().at(-1)?.body.operations).toEqual([
      { update: { resourceName: 'customers/1234567890/adGroupCriteria/1001~5', cpcBidMicros: '1500000' }, updateMask: 'cpcBidMicros' },
    ]);
    expect(w.criteria[1].adGroupCriterion.cpcBidMicros).toBeUndefined();
  });

  it('pauses a creative through its ad group ad', async () => {
    const { adapter, w } = await open();
    const result = await adapter.applyChange({ kind: 'creative', campaignId: '111', creativeId: '9001', enabled: false }, 'k1');
    expect(result.campaign.creatives[0]).toMatchObject({ id: '9001', enabled: false });
    expect(w.ads[0].adGroupAd.status).toBe('PAUSED');
  });

  it('turns an ad group off by pausing its keywords, leaving its negative keywords alone', async () => {
    const { adapter, w, mutates } = await open();
    const result = await adapter.applyChange({ kind: 'targeting', campaignId: '111', audienceId: '1001', enabled: false }, 'k1');
    expect(result.campaign.audiences).toEqual([expect.objectContaining({ id: '1001', enabled: false })]);
    expect(mutates().at(-1)?.body.operations).toEqual([
      { update: { resourceName: 'customers/1234567890/adGroupCriteria/1001~5', status: 'PAUSED' }, updateMask: 'status' },
    ]);
    expect(w.criteria[1].adGroupCriterion.status).toBe('ENABLED');
    expect((await adapter.getCampaign('111')).audiences).toEqual([expect.objectContaining({ id: '1001', enabled: false })]);
  });

  it('counts its operations: reads and both sends of a change', async () => {
    const { adapter, quota } = await open();
    const before = adapter.operationsLeftToday();
    await adapter.applyChange(budget('111', 51), 'k1');
    // Campaigns, ad groups, criteria, ads, whether the paused ad ever served, and the label names (not yet known); then the dry run and the real send.
    expect(before - adapter.operationsLeftToday()).toBe(6 + 2);
    expect(quota.perDay).toBe(15_000);
  });
});
