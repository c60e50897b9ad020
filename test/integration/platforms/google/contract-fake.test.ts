import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '@platforms/google/fake/fake-fields';
import { check, checkStatus, V25 } from './contract-protos';
import { startGoogleFake, threeCampaigns, TOKEN, type GoogleHarness } from './fake-fixture';

let h: GoogleHarness;
beforeAll(async () => {
  const scenario = threeCampaigns();
  scenario.campaigns[0].labels = ['brand'];
  scenario.campaigns[2].labels = ['protected', 'brand'];
  h = await startGoogleFake({ sharedBudget: [0, 1], bidding: { 2: 'TARGET_ROAS' } }, scenario);
});
afterAll(() => h.close());

const CUSTOMER = '1234567890';
const fieldsOf = (...resources: string[]) => Object.keys(FIELDS).filter((f) => resources.includes(f.split('.')[0]));
const isString = (v: unknown) => typeof v === 'string';

async function stream(query: string): Promise<unknown[]> {
  const answer = await h.post(`customers/${CUSTOMER}/googleAds:searchStream`, { query });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown[];
}

describe('the fake against the Google Ads API v25 protos', () => {
  it('answers searchStream with SearchGoogleAdsStreamResponse batches of GoogleAdsRows, every field of its message type', async () => {
    const range = "segments.date BETWEEN '2026-03-01' AND '2026-03-19'";
    // customer_client is left out: resources/customer_client.proto is not among the specs.
    const queries = [
      `SELECT ${fieldsOf('customer').join(', ')} FROM customer`,
      `SELECT ${fieldsOf('campaign_budget', 'customer').join(', ')}, metrics.cost_micros FROM campaign_budget`,
      `SELECT ${fieldsOf('campaign', 'campaign_budget', 'segments', 'metrics').join(', ')} FROM campaign WHERE ${range}`,
      `SELECT ${fieldsOf('ad_group', 'campaign', 'metrics').join(', ')}, segments.date FROM ad_group WHERE ${range}`,
      `SELECT ${fieldsOf('ad_group_criterion', 'ad_group', 'campaign').join(', ')} FROM ad_group_criterion`,
      `SELECT ${fieldsOf('ad_group_ad', 'ad_group', 'campaign', 'metrics').join(', ')} FROM ad_group_ad`,
    ];
    const problems: string[] = [];
    for (const query of queries) {
      const batches = await stream(query);
      expect(batches.length).toBeGreaterThan(0);
      const results = batches.flatMap((b) => (b as { results?: unknown[] }).results ?? []);
      expect(results.length, query).toBeGreaterThan(0);
      batches.forEach((batch, i) => problems.push(...check(batch, `${V25}.services.SearchGoogleAdsStreamResponse`, `${query.slice(0, 40)}…[${i}]`)));
    }
    expect(problems).toEqual([]);
  });

  it('lists campaign.labels as label resource names, and answers FROM label with the rows of Label', async () => {
    const campaigns = await h.rows('SELECT campaign.id, campaign.labels FROM campaign');
    const labelsOf = (row: Record<string, unknown>) => (row.campaign as { labels: string[] }).labels;
    expect(campaigns.map(labelsOf)).toEqual([
      [`customers/${CUSTOMER}/labels/7000000001`],
      [],
      [`customers/${CUSTOMER}/labels/7000000002`, `customers/${CUSTOMER}/labels/7000000001`],
    ]);
    expect(campaigns.flatMap((row) => check(row, `${V25}.services.GoogleAdsRow`, 'campaign row'))).toEqual([]);
    // resources/label.proto is not among the specs: Label's fields are checked by hand.
    expect(await h.rows(`SELECT ${fieldsOf('label').join(', ')} FROM label`)).toEqual([
      { label: { resourceName: `customers/${CUSTOMER}/labels/7000000001`, id: '7000000001', name: 'brand', status: 'ENABLED' } },
      { label: { resourceName: `customers/${CUSTOMER}/labels/7000000002`, id: '7000000002', name: 'protected', status: 'ENABLED' } },
    ]);
  });

  it('answers search pages as SearchGoogleAdsResponse, and listAccessibleCustomers with resource names', async () => {
    const page = await h.post(`customers/${CUSTOMER}/googleAds:search`, { query: 'SELECT campaign.id, campaign.status FROM campaign' });
    expect(page.status).toBe(200);
    expect(check(page.body, `${V25}.services.SearchGoogleAdsResponse`)).toEqual([]);
    // services/customer_service.proto is not among the specs: its one-field answer is checked by hand.
    const listed = await fetch(`${h.fake.url}/v25/customers:listAccessibleCustomers`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await listed.json()).toEqual({ resourceNames: [`customers/${CUSTOMER}`] });
  });

  it('has a checker that sees wrong names and types', () => {
    const row = {
      campaign: { id: 2000000001, biddingStrategyType: 'MANUAL_CPCX', bidding_strategy_type: 'MANUAL_CPC' },
      metrics: { clicks: '3', conversions: '1.5' },
    };
    expect(check(row, `${V25}.services.GoogleAdsRow`, 'row')).toEqual([
      'row.campaign.id: an integer as a string (int64) expected, got 2000000001',
      expect.stringMatching(/^row\.campaign\.biddingStrategyType: one of \d+ names/),
      'row.campaign.bidding_strategy_type: not a field of Campaign',
      'row.metrics.conversions: a number (double) expected, got "1.5"',
    ]);
  });

  it('answers the four mutates with their Mutate…Response, the changed resource in it, and change_event rows of ChangeEvent', async () => {
    const problems: string[] = [];
    const mutates: [string, string, Record<string, unknown>, string][] = [
      [
        'campaignBudgets',
        'MutateCampaignBudgetsResponse',
        { resourceName: `customers/${CUSTOMER}/campaignBudgets/3000000001`, amountMicros: '150000000' },
        'amountMicros',
      ],
      ['campaigns', 'MutateCampaignsResponse', { resourceName: `customers/${CUSTOMER}/campaigns/2000000003`, status: 'ENABLED' }, 'status'],
      [
        'adGroupCriteria',
        'MutateAdGroupCriteriaResponse',
        { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000002000~5000000001`, cpcBidMicros: '1700000' },
        'cpcBidMicros',
      ],
      ['adGroupAds', 'MutateAdGroupAdsResponse', { resourceName: `customers/${CUSTOMER}/adGroupAds/4000001000~6000001001`, status: 'PAUSED' }, 'status'],
    ];
    for (const [collection, response, update, updateMask] of mutates) {
      const answer = await h.post(`customers/${CUSTOMER}/${collection}:mutate`, {
        operations: [{ update, updateMask }],
        responseContentType: 'MUTABLE_RESOURCE',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(Object.keys((answer.body as { results: Record<string, unknown>[] }).results[0])).toHaveLength(2);
      problems.push(...check(answer.body, `${V25}.services.${response}`, collection));
    }
    const partial = await h.post(`customers/${CUSTOMER}/adGroupCriteria:mutate`, {
      operations: [
        { update: { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000003000~5000000001`, cpcBidMicros: '1000000' }, updateMask: 'cpcBidMicros' },
        { update: { resourceName: `customers/${CUSTOMER}/adGroupCriteria/4000002001~5000000002`, cpcBidMicros: '1200000' }, updateMask: 'cpcBidMicros' },
      ],
      partialFailure: true,
    });
    expect((partial.body as { partialFailureError?: unknown }).partialFailureError).toBeDefined();
    problems.push(...check(partial.body, `${V25}.services.MutateAdGroupCriteriaResponse`, 'partial'));
    const changes = await stream(
      `SELECT ${fieldsOf('change_event').join(', ')} FROM change_event WHERE change_event.change_date_time >= '2026-03-19' LIMIT 100`,
    );
    expect((changes[0] as { results: unknown[] }).results).toHaveLength(5);
    changes.forEach((batch, i) => problems.push(...check(batch, `${V25}.services.SearchGoogleAdsStreamResponse`, `change_event[${i}]`)));
    expect(problems).toEqual([]);
  });

  it("answers refusals in Google's envelope: a Status whose details are a GoogleAdsFailure, quota details included", async () => {
    const problems: string[] = [];
    const envelope = (body: unknown, where: string) => checkStatus((body as { error: unknown }).error, where, { status: isString });
    envelope((await h.post(`customers/${CUSTOMER}/googleAds:searchStream`, { query: 'SELECT campaign.nope FROM campaign' })).body, 'query error');
    const unauthenticated = await h.post(
      `customers/${CUSTOMER}/googleAds:searchStream`,
      { query: 'SELECT customer.id FROM customer' },
      { authorization: 'Bearer wrong' },
    );
    expect(unauthenticated.status).toBe(401);
    problems.push(...envelope(unauthenticated.body, 'unauthenticated'));
    for (const kind of ['rate_limit', 'daily_quota', 'unavailable', 'permission', 'project_not_approved'] as const) {
      h.fake.faults.inject({ kind });
      const refused = await h.post(`customers/${CUSTOMER}/googleAds:searchStream`, { query: 'SELECT customer.id FROM customer' });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      problems.push(...envelope(refused.body, kind));
    }
    expect(problems).toEqual([]);
  });
});
