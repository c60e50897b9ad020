import { afterEach, describe, expect, it } from 'vitest';
import { FakeGoogleAdsServer, fakeGoogleWorld } from '@platforms/google/fake/index';
import { HOUR_MS, ManualClock } from '@shared/time';
import { NOW, startGoogleFake, threeCampaigns, TOKEN, type GoogleHarness } from './fake-fixture';

const CUSTOMER = '1234567890';
const BUDGET = (id: number) => `customers/${CUSTOMER}/campaignBudgets/${id}`;

let h: GoogleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(...args: Parameters<typeof startGoogleFake>): Promise<GoogleHarness> {
  h = await startGoogleFake(...args);
  return h;
}

type Row = Record<string, Record<string, unknown>>;
const errorOf = (body: unknown) =>
  (
    body as {
      error: {
        code: number;
        status: string;
        details: { errors: { errorCode: Record<string, string>; message: string; details?: unknown }[]; requestId: string }[];
      };
    }
  ).error;

/** The world's ledger of one campaign over played hours, summed. */
function ledger(g: GoogleHarness, campaign: number, from = 0, to = g.fake.customer.world.hour) {
  const s = g.fake.customer.world.campaigns[campaign];
  let spend = 0;
  let conversions = 0;
  for (let t = from; t < to; t++) {
    for (let p = 0; p < s.pairs; p++) {
      spend += s.spend[t * s.pairs + p];
      conversions += s.conversions[t * s.pairs + p];
    }
  }
  return { spend, conversions };
}

describe('the fake Google Ads API: reads', () => {
  it('plays the 28 days before now and reports per date sums that match the world', async () => {
    const g = await start();
    const world = g.fake.customer.world;
    expect(world.hour).toBe(Math.floor((g.clock.now() - world.startMs) / HOUR_MS));
    expect(g.fake.customer.zone.date(world.startMs)).toBe('2026-02-20');
    const rows = (await g.rows(
      "SELECT campaign.id, segments.date, metrics.cost_micros, metrics.conversions FROM campaign WHERE segments.date BETWEEN '2026-02-20' AND '2026-03-20' AND campaign.id = 2000000001",
    )) as Row[];
    expect(new Set(rows.map((r) => r.campaign.id))).toEqual(new Set(['2000000001']));
    expect(rows.map((r) => r.segments.date)).toEqual([...rows.map((r) => r.segments.date as string)].sort());
    const truth = ledger(g, 0);
    const cost = rows.reduce((s, r) => s + Number(r.metrics.costMicros), 0);
    expect(Math.abs(cost - truth.spend * 1e6)).toBeLessThanOrEqual(rows.length);
    expect(rows.reduce((s, r) => s + (r.metrics.conversions as number), 0)).toBeCloseTo(truth.conversions, 4);
  });

  it('segments by hour in the account time zone: the day the clocks went forward has 23 hours', async () => {
    const g = await start();
    const rows = (await g.rows("SELECT segments.hour, metrics.clicks FROM customer WHERE segments.date = '2026-03-08' ORDER BY segments.hour")) as Row[];
    const hours = rows.map((r) => r.segments.hour);
    expect(hours).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    const day = g.fake.customer.zone.dayOfDate('2026-03-08');
    const world = g.fake.customer.world;
    const from = (day.startMs - world.startMs) / HOUR_MS;
    const truth = [0, 1, 2].reduce((s, c) => s + ledger(g, c, from, from + 23).spend, 0);
    const cost = await g.rows("SELECT metrics.cost_micros FROM customer WHERE segments.date DURING LAST_30_DAYS AND segments.date = '2026-03-08'");
    expect(Number((cost[0] as Row).metrics.costMicros)).toBe(Math.round(truth * 1e6));
  });

  it('maps the world: budgets, a shared budget over two campaigns, bidding types, ad groups with keyword bids, ads', async () => {
    const g = await start({ sharedBudget: [0, 1], bidding: { 2: 'MAXIMIZE_CONVERSIONS' } });
    const budgets = (await g.rows(
      'SELECT campaign_budget.id, campaign_budget.amount_micros, campaign_budget.explicitly_shared, campaign_budget.reference_count FROM campaign_budget',
    )) as Row[];
    expect(budgets.map((r) => r.campaignBudget)).toEqual([
      { resourceName: BUDGET(3000000001), id: '3000000001', amountMicros: '180000000', explicitlyShared: true, referenceCount: '2' },
      { resourceName: BUDGET(3000000003), id: '3000000003', amountMicros: '50000000', explicitlyShared: false, referenceCount: '1' },
    ]);
    const campaigns = (await g.rows('SELECT campaign.name, campaign.status, campaign.bidding_strategy_type, campaign.campaign_budget FROM campaign')) as Row[];
    expect(campaigns.map((r) => [r.campaign.name, r.campaign.status, r.campaign.biddingStrategyType, r.campaign.campaignBudget])).toEqual([
      ['Prospecting', 'ENABLED', 'MANUAL_CPC', BUDGET(3000000001)],
      ['Retargeting', 'ENABLED', 'MANUAL_CPC', BUDGET(3000000001)],
      ['Winter sale', 'PAUSED', 'MAXIMIZE_CONVERSIONS', BUDGET(3000000003)],
    ]);
    const keywords = (await g.rows(
      "SELECT ad_group.name, ad_group_criterion.cpc_bid_micros FROM ad_group_criterion WHERE campaign.name = 'Retargeting'",
    )) as Row[];
    expect(keywords.map((r) => [r.adGroup.name, r.adGroupCriterion.cpcBidMicros])).toEqual([
      ['Retargeting / Cart abandoners', '1500000'],
      ['Retargeting / Visitors 7d', '1500000'],
      ['Retargeting / Past buyers', '1500000'],
    ]);
    const ads = await g.rows(
      "SELECT ad_group_ad.ad.name, ad_group_ad.status FROM ad_group_ad WHERE campaign.id IN (2000000001) AND ad_group_ad.status = 'ENABLED'",
    );
    expect(ads).toHaveLength(4);
  });

  it('pages search results with a page token bound to its query', async () => {
    const g = await start({ searchPageSize: 2 });
    const query = 'SELECT ad_group.id FROM ad_group ORDER BY ad_group.id DESC';
    const first = (await g.post(`customers/${CUSTOMER}/googleAds:search`, { query })).body as { results: Row[]; nextPageToken?: string };
    expect(first.results).toHaveLength(2);
    const second = (await g.post(`customers/${CUSTOMER}/googleAds:search`, { query, pageToken: first.nextPageToken })).body as { results: Row[] };
    expect(second.results.map((r) => r.adGroup.id)).toEqual(['4000002001', '4000002000']);
    const wrong = await g.post(`customers/${CUSTOMER}/googleAds:search`, { query: 'SELECT campaign.id FROM campaign', pageToken: first.nextPageToken });
    expect(errorOf(wrong.body).details[0].errors[0].errorCode).toEqual({ requestError: 'INVALID_PAGE_TOKEN' });
  });

  it("refuses unknown fields and resources with Google's query errors", async () => {
    const g = await start();
    const cases: [string, string][] = [
      ['SELECT campaign.nope FROM campaign', 'UNRECOGNIZED_FIELD'],
      ['SELECT campaign.id FROM keyword_view', 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE'],
      ['SELECT ad_group.id FROM campaign', 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE'],
      ['SELECT campaign.id, segments.date FROM campaign', 'EXPECTED_FILTERS_ON_DATE_RANGE'],
      ['SELECT change_event.change_date_time, metrics.clicks FROM change_event', 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE'],
      ["SELECT campaign.id FROM campaign WHERE campaign.name = 'x' OR campaign.id = 1", 'EXPECTED_AND'],
      ["SELECT change_event.resource_name FROM change_event WHERE change_event.changed_fields = 'status'", 'PROHIBITED_FIELD_IN_WHERE_CLAUSE'],
    ];
    for (const [query, reason] of cases) {
      const answer = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, { query });
      expect(answer.status, query).toBe(400);
      const error = errorOf(answer.body);
      expect(error.status).toBe('INVALID_ARGUMENT');
      expect(error.details[0].errors[0].errorCode, query).toEqual({ queryError: reason });
    }
  });
});

describe('the fake Google Ads API: mutates', () => {
  it('checks a validateOnly mutate and changes nothing', async () => {
    const g = await start();
    const answer = await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, {
      operations: [{ update: { resourceName: BUDGET(3000000001), amountMicros: '250000000' }, updateMask: 'amountMicros' }],
      validateOnly: true,
    });
    expect(answer).toEqual({ status: 200, body: {} });
    expect(g.fake.customer.world.campaigns[0].dailyBudget).toBe(100);
    expect(g.fake.customer.changes).toEqual([]);
  });

  it('applies a mutate to the world and returns the new value with MUTABLE_RESOURCE; change_event records it', async () => {
    const g = await start();
    const answer = await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, {
      operations: [{ update: { resourceName: BUDGET(3000000001), amountMicros: '125500000' }, updateMask: 'amountMicros' }],
      responseContentType: 'MUTABLE_RESOURCE',
    });
    const result = (answer.body as { results: Row[] }).results[0];
    expect(result.resourceName).toBe(BUDGET(3000000001));
    expect(result.campaignBudget.amountMicros).toBe('125500000');
    expect(g.fake.customer.world.campaigns[0].dailyBudget).toBe(125.5);
    const plain = await g.post(`customers/${CUSTOMER}/campaigns:mutate`, {
      operations: [{ update: { resourceName: `customers/${CUSTOMER}/campaigns/2000000003`, status: 'ENABLED' }, updateMask: 'status' }],
    });
    expect(plain.body).toEqual({ results: [{ resourceName: `customers/${CUSTOMER}/campaigns/2000000003` }] });
    expect(g.fake.customer.world.campaigns[2].status).toBe('active');
    const changes = (await g.rows(
      "SELECT change_event.change_resource_name, change_event.old_resource, change_event.new_resource FROM change_event WHERE change_event.change_date_time >= '2026-03-20' LIMIT 10",
    )) as Row[];
    expect(changes.map((r) => [r.changeEvent.changeResourceName, r.changeEvent.oldResource, r.changeEvent.newResource])).toEqual([
      [BUDGET(3000000001), { campaignBudget: { amountMicros: '100000000' } }, { campaignBudget: { amountMicros: '125500000' } }],
      [`customers/${CUSTOMER}/campaigns/2000000003`, { campaign: { status: 'PAUSED' } }, { campaign: { status: 'ENABLED' } }],
    ]);
  });

  it('changes a shared budget for both campaigns on it, keeping their shares', async () => {
    const g = await start({ sharedBudget: [0, 1] });
    await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, {
      operations: [{ update: { resourceName: BUDGET(3000000001), amountMicros: '360000000' }, updateMask: 'amountMicros' }],
    });
    const [a, b] = g.fake.customer.world.campaigns;
    expect(a.dailyBudget).toBeCloseTo(200, 9);
    expect(b.dailyBudget).toBeCloseTo(160, 9);
  });

  it('refuses CPC bids on automated bidding; with partialFailure the other operations apply', async () => {
    const g = await start({ bidding: { 0: 'TARGET_ROAS' } });
    const operations = [
      { update: { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000001000~5000000001`, cpcBidMicros: '2000000' }, updateMask: 'cpcBidMicros' },
      { update: { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000002000~5000000001`, cpcBidMicros: '2000000' }, updateMask: 'cpcBidMicros' },
    ];
    const atomic = await g.post(`customers/${CUSTOMER}/adGroupCriteria:mutate`, { operations });
    expect(atomic.status).toBe(400);
    expect(errorOf(atomic.body).details[0].errors[0].errorCode).toEqual({ adGroupCriterionError: 'BID_INCOMPATIBLE_WITH_ADGROUP' });
    expect(g.fake.customer.campaigns[1].keywordBids[0]).toBe(1_500_000);
    const partial = await g.post(`customers/${CUSTOMER}/adGroupCriteria:mutate`, { operations, partialFailure: true });
    const body = partial.body as { results: Row[]; partialFailureError: { code: number; details: { errors: { location: unknown }[] }[] } };
    expect(body.results).toEqual([{}, { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000002000~5000000001` }]);
    expect(body.partialFailureError.details[0].errors[0].location).toEqual({ fieldPathElements: [{ fieldName: 'operations', index: 0 }] });
    expect(g.fake.customer.world.campaigns[1].bid).toEqual({ strategy: 'max_cpc', amount: (2 + 1.5 + 1.5) / 3 });
  });

  it('refuses amounts that are not whole currency units and unknown resources', async () => {
    const g = await start();
    const cases: [unknown, Record<string, string>][] = [
      [{ resourceName: BUDGET(3000000001), amountMicros: '100000001' }, { campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' }],
      [{ resourceName: BUDGET(3000000001), amountMicros: '-1000000' }, { campaignBudgetError: 'NEGATIVE_MONEY_AMOUNT' }],
      [{ resourceName: BUDGET(3999999999), amountMicros: '1000000' }, { mutateError: 'RESOURCE_NOT_FOUND' }],
    ];
    for (const [update, code] of cases) {
      const answer = await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, { operations: [{ update, updateMask: 'amountMicros' }] });
      expect(errorOf(answer.body).details[0].errors[0].errorCode).toEqual(code);
    }
    const noMask = await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, { operations: [{ update: { resourceName: BUDGET(3000000001) } }] });
    expect(errorOf(noMask.body).details[0].errors[0].errorCode).toEqual({ fieldMaskError: 'FIELD_MASK_MISSING' });
  });

  it('pauses an ad: the creative stops in every ad group', async () => {
    const g = await start();
    await g.post(`customers/${CUSTOMER}/adGroupAds:mutate`, {
      operations: [{ update: { resourceName: `customers/${CUSTOMER}/adGroupAds/4000001000~6000001001`, status: 'PAUSED' }, updateMask: 'status' }],
    });
    expect(g.fake.customer.world.campaigns[0].creatives[1].enabled).toBe(false);
    const ads = (await g.rows("SELECT ad_group_ad.ad.id FROM ad_group_ad WHERE ad_group_ad.status = 'PAUSED'")) as Row[];
    expect(ads.map((r) => r.adGroupAd.ad)).toEqual([{ id: '6000001001' }, { id: '6000001001' }]);
  });
});

describe('the fake Google Ads API: access, errors and faults', () => {
  it('takes the configured token and refuses others with 401 UNAUTHENTICATED', async () => {
    const g = await start();
    const query = { query: 'SELECT customer.id FROM customer' };
    expect((await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query, { 'developer-token': 'dev-token' })).status).toBe(200);
    expect(g.fake.requests.at(-1)?.developerToken).toBe('dev-token');
    for (const authorization of ['Bearer nope', 'Basic abc']) {
      const refused = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query, { authorization });
      expect(refused.status).toBe(401);
      expect(errorOf(refused.body).status).toBe('UNAUTHENTICATED');
    }
    const listed = await fetch(`${g.fake.url}/v25/customers:listAccessibleCustomers`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await listed.json()).toEqual({ resourceNames: [`customers/${CUSTOMER}`] });
  });

  it('serves the OAuth endpoints of FakeGoogleOAuth beside the API', async () => {
    const g = await start();
    const answer = await fetch(`${g.fake.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=nope',
    });
    expect(answer.status).toBe(400);
    expect(typeof ((await answer.json()) as { error: unknown }).error).toBe('string');
  });

  it('needs login-customer-id naming the manager to act on a client through it', async () => {
    const g = await start({ manager: { id: '9876543210', name: 'Agency' } });
    const query = { query: 'SELECT customer.id FROM customer' };
    const denied = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query);
    expect(denied.status).toBe(403);
    expect(errorOf(denied.body).details[0].errors[0].errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
    expect((await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query, { 'login-customer-id': '9876543210' })).status).toBe(200);
    const clients = (
      await g.post(`customers/9876543210/googleAds:searchStream`, {
        query: 'SELECT customer.manager, customer_client.id, customer_client.level, customer_client.manager FROM customer_client',
      })
    ).body as { results: Row[] }[];
    expect(clients[0].results.map((r) => [r.customer.manager, r.customerClient.id, r.customerClient.level, r.customerClient.manager])).toEqual([
      [true, '9876543210', '0', true],
      [true, CUSTOMER, '1', false],
    ]);
    const listed = await fetch(`${g.fake.url}/v25/customers:listAccessibleCustomers`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await listed.json()).toEqual({ resourceNames: ['customers/9876543210'] });
  });

  it('answers 429 RESOURCE_EXHAUSTED with a retry delay for the next N requests, then serves again', async () => {
    const g = await start();
    g.fake.faults.inject({ kind: 'rate_limit', count: 2, retryDelaySeconds: 12 });
    const query = { query: 'SELECT customer.id FROM customer' };
    for (let i = 0; i < 2; i++) {
      const refused = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query);
      expect(refused.status).toBe(429);
      const error = errorOf(refused.body);
      expect(error.status).toBe('RESOURCE_EXHAUSTED');
      expect(error.details[0].errors[0]).toMatchObject({
        errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
        details: { quotaErrorDetails: { rateScope: 'ACCOUNT', retryDelay: '12s' } },
      });
    }
    expect((await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query)).status).toBe(200);
  });

  it('keeps a spent daily operations quota until midnight Pacific time', async () => {
    const g = await start();
    g.fake.faults.inject({ kind: 'daily_quota' });
    const query = { query: 'SELECT customer.id FROM customer' };
    const refused = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query);
    // 19:30 UTC on 2026-03-20 is 12:30 in Los Angeles (PDT): 11.5 hours to midnight.
    expect(errorOf(refused.body).details[0].errors[0].details).toEqual({
      quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: `${11.5 * 3600}s` },
    });
    g.clock.advance(11 * HOUR_MS);
    expect((await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query)).status).toBe(429);
    g.clock.advance(HOUR_MS);
    expect((await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query)).status).toBe(200);
  });

  it('answers 503 once, and loses the answer of an applied mutate', async () => {
    const g = await start();
    g.fake.faults.inject({ kind: 'unavailable', match: { path: 'campaignBudgets:mutate' } });
    const body = { operations: [{ update: { resourceName: BUDGET(3000000001), amountMicros: '90000000' }, updateMask: 'amountMicros' }] };
    const unavailable = await g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, body);
    expect([unavailable.status, errorOf(unavailable.body).status]).toEqual([503, 'UNAVAILABLE']);
    expect(g.fake.customer.world.campaigns[0].dailyBudget).toBe(100);
    g.fake.faults.inject({ kind: 'lost_answer', match: { method: 'POST', validateOnly: false } });
    await expect(g.post(`customers/${CUSTOMER}/campaignBudgets:mutate`, body)).rejects.toThrow();
    expect(g.fake.customer.world.campaigns[0].dailyBudget).toBe(90);
  });

  it('answers permission refusals with the authorizationError names of the protos', async () => {
    const g = await start();
    const query = { query: 'SELECT customer.id FROM customer' };
    for (const [kind, name] of [
      ['permission', 'USER_PERMISSION_DENIED'],
      ['project_not_approved', 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION'],
    ] as const) {
      g.fake.faults.inject({ kind });
      const refused = await g.post(`customers/${CUSTOMER}/googleAds:searchStream`, query);
      expect(refused.status).toBe(403);
      expect(errorOf(refused.body).details[0].errors[0].errorCode).toEqual({ authorizationError: name });
    }
    const other = await g.post('customers/1111111111/googleAds:searchStream', query);
    expect(errorOf(other.body).details[0].errors[0].errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
  });

  it('serves in process through its own fetch', async () => {
    const clock = new ManualClock(NOW);
    const fake = FakeGoogleAdsServer.inProcess({ world: fakeGoogleWorld(threeCampaigns(), clock), clock, token: TOKEN });
    const answer = await fake.fetch(`${fake.url}/v25/customers/${CUSTOMER}/googleAds:searchStream`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: 'SELECT customer.currency_code, customer.time_zone FROM customer' }),
    });
    expect(((await answer.json()) as { results: Row[] }[])[0].results[0].customer).toEqual({
      resourceName: `customers/${CUSTOMER}`,
      currencyCode: 'USD',
      timeZone: 'America/New_York',
    });
    await expect(fake.fetch('http://127.0.0.1:1/v25/customers:listAccessibleCustomers')).rejects.toThrow('fetch failed');
  });
});
