import { GoogleAdsClient, type FetchLike } from '@platforms/google/ads-client';
import { OperationsQuota } from '@platforms/google/operations-quota';
import { ManualClock } from '@shared/time';

export const ACCESS_TOKEN = 'made-up-secret-access-token-0123456789';
export const DEVELOPER_TOKEN = 'dev-token-secret-ABCDEFGH';
export const CUSTOMER = '1234567890';
export const BASE = 'https://googleads.example.test';
const rn = (kind: string, id: string) => `customers/${CUSTOMER}/${kind}/${id}`;

/**
 * A small hand-written account in the JSON shapes Google's REST answers use (lowerCamelCase,
 * int64 as strings): a budget of its own, a budget shared by a manual-CPC and a Target ROAS
 * campaign, and a removed campaign; two of them labelled.
 */
export function world() {
  const budgets = {
    '71': { resourceName: rn('campaignBudgets', '71'), id: '71', name: 'Brand budget', amountMicros: '50000000', explicitlyShared: false, referenceCount: '1' },
    '72': { resourceName: rn('campaignBudgets', '72'), id: '72', name: 'Shared pool', amountMicros: '120010000', explicitlyShared: true, referenceCount: '2' },
  } as Record<string, Record<string, unknown>>;
  const campaigns = [
    {
      resourceName: rn('campaigns', '111'),
      id: '111',
      name: 'Brand search',
      status: 'ENABLED',
      biddingStrategyType: 'MANUAL_CPC',
      campaignBudget: rn('campaignBudgets', '71'),
      labels: [rn('labels', '81')],
    },
    {
      resourceName: rn('campaigns', '222'),
      id: '222',
      name: 'Generic search',
      status: 'ENABLED',
      biddingStrategyType: 'MANUAL_CPC',
      campaignBudget: rn('campaignBudgets', '72'),
    },
    {
      resourceName: rn('campaigns', '333'),
      id: '333',
      name: 'Shopping',
      status: 'PAUSED',
      biddingStrategyType: 'TARGET_ROAS',
      campaignBudget: rn('campaignBudgets', '72'),
      labels: [rn('labels', '82'), rn('labels', '81')],
    },
    {
      resourceName: rn('campaigns', '444'),
      id: '444',
      name: 'Old',
      status: 'REMOVED',
      biddingStrategyType: 'MANUAL_CPC',
      campaignBudget: rn('campaignBudgets', '71'),
    },
  ] as Record<string, unknown>[];
  const labels = [
    { resourceName: rn('labels', '81'), id: '81', name: 'brand' },
    { resourceName: rn('labels', '82'), id: '82', name: 'protected' },
  ];
  const adGroups = [
    { campaign: { id: '111' }, adGroup: { resourceName: rn('adGroups', '1001'), id: '1001', name: 'Exact brand', status: 'ENABLED' } },
    { campaign: { id: '222' }, adGroup: { resourceName: rn('adGroups', '2001'), id: '2001', name: 'Shoes', status: 'PAUSED' } },
    { campaign: { id: '333' }, adGroup: { resourceName: rn('adGroups', '3001'), id: '3001', name: 'All products', status: 'ENABLED' } },
  ];
  const criteria = [
    {
      campaign: { id: '111' },
      adGroup: { id: '1001' },
      adGroupCriterion: {
        resourceName: rn('adGroupCriteria', '1001~5'),
        criterionId: '5',
        status: 'ENABLED',
        negative: false,
        cpcBidMicros: '1230000',
        effectiveCpcBidMicros: '1230000',
      },
    },
    {
      campaign: { id: '111' },
      adGroup: { id: '1001' },
      adGroupCriterion: { resourceName: rn('adGroupCriteria', '1001~6'), criterionId: '6', status: 'ENABLED', negative: true },
    },
    {
      campaign: { id: '222' },
      adGroup: { id: '2001' },
      adGroupCriterion: {
        resourceName: rn('adGroupCriteria', '2001~7'),
        criterionId: '7',
        status: 'ENABLED',
        negative: false,
        effectiveCpcBidMicros: '800000',
      },
    },
  ] as { campaign: { id: string }; adGroup: { id: string }; adGroupCriterion: Record<string, unknown> }[];
  const ads = [
    {
      campaign: { id: '111' },
      adGroup: { id: '1001' },
      adGroupAd: { resourceName: rn('adGroupAds', '1001~9001'), status: 'ENABLED', ad: { id: '9001', name: 'RSA one' } },
    },
    {
      campaign: { id: '111' },
      adGroup: { id: '1001' },
      adGroupAd: { resourceName: rn('adGroupAds', '1001~9002'), status: 'PAUSED', ad: { id: '9002', name: '' } },
    },
  ] as { campaign: { id: string }; adGroup: { id: string }; adGroupAd: Record<string, unknown> }[];
  const metrics: Record<string, unknown>[] = [];
  return { budgets, campaigns, labels, adGroups, criteria, ads, metrics };
}
export type World = ReturnType<typeof world>;

export interface Sent {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** What the scripted server does with one request: answer from the world, or a scripted reply (an Error is a lost connection). */
export type Script = (sent: Sent, index: number) => Response | Error | undefined;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An error envelope as Google writes it, with a GoogleAdsFailure among the details. */
export function failure(status: number, rpcStatus: string, kind: string, name: string, message: string, extra: Record<string, unknown> = {}): Response {
  return json(
    {
      error: {
        code: status,
        message: 'Request contains an invalid argument.',
        status: rpcStatus,
        details: [
          {
            '@type': 'type.googleapis.com/google.ads.googleads.v25.errors.GoogleAdsFailure',
            errors: [{ errorCode: { [kind]: name }, message, ...extra }],
            requestId: 'req-abc-123',
          },
        ],
      },
    },
    status,
  );
}

/** Rows of a GAQL query over the world: FROM picks the resource, `x.id = N` / `IN (…)` conditions filter it. */
function search(w: World, query: string): Record<string, unknown>[] {
  const from = /FROM (\w+)/.exec(query)?.[1];
  const ids = (field: string) => {
    const m = new RegExp(`${field.replace('.', '\\.')} (?:= (\\d+)|IN \\(([^)]*)\\))`).exec(query);
    return m ? (m[1] ? [m[1]] : m[2].split(',').map((s) => s.trim())) : undefined;
  };
  const inCampaigns = (id: string) => !ids('campaign.id') || ids('campaign.id')!.includes(id);
  switch (from) {
    case 'customer':
      return [{ customer: { id: CUSTOMER, descriptiveName: 'Shoe shop', currencyCode: 'USD', timeZone: 'America/New_York', manager: false } }];
    case 'campaign':
      if (/metrics\./.test(query)) return w.metrics.filter((m) => inCampaigns((m.campaign as { id: string }).id));
      return w.campaigns
        .filter((c) => inCampaigns(c.id as string))
        .map((c) => ({ campaign: c, campaignBudget: w.budgets[(c.campaignBudget as string).split('/').pop()!] }));
    case 'campaign_budget':
      return Object.values(w.budgets)
        .filter((b) => !ids('campaign_budget.id') || ids('campaign_budget.id')!.includes(b.id as string))
        .map((b) => ({ campaignBudget: b }));
    case 'label':
      return w.labels.map((label) => ({ label }));
    case 'ad_group':
      return w.adGroups.filter((r) => inCampaigns(r.campaign.id));
    case 'ad_group_criterion':
      return w.criteria.filter((r) => inCampaigns(r.campaign.id));
    case 'ad_group_ad':
      // No ad of this account has served yet: its reports by ad are empty.
      if (/metrics\./.test(query)) return [];
      return w.ads.filter((r) => inCampaigns(r.campaign.id));
    default:
      return [];
  }
}

const RESOURCES: Record<string, { key: string; find: (w: World, name: string) => Record<string, unknown> | undefined }> = {
  campaignBudgets: { key: 'campaignBudget', find: (w, name) => Object.values(w.budgets).find((b) => b.resourceName === name) },
  campaigns: { key: 'campaign', find: (w, name) => w.campaigns.find((c) => c.resourceName === name) },
  adGroupCriteria: { key: 'adGroupCriterion', find: (w, name) => w.criteria.find((c) => c.adGroupCriterion.resourceName === name)?.adGroupCriterion },
  adGroupAds: { key: 'adGroupAd', find: (w, name) => w.ads.find((a) => a.adGroupAd.resourceName === name)?.adGroupAd },
};

/** Applies a mutate to the world (unless validateOnly) and answers as Google does with MUTABLE_RESOURCE. */
function mutate(w: World, service: string, body: Record<string, unknown>): Response {
  const { key, find } = RESOURCES[service];
  const operations = body.operations as { update: Record<string, unknown>; updateMask: string }[];
  const results = operations.map(({ update, updateMask }) => {
    const target = find(w, update.resourceName as string);
    if (!target) throw new Error(`no ${update.resourceName as string}`);
    if (!body.validateOnly) for (const field of updateMask.split(',')) target[field] = update[field];
    return { resourceName: target.resourceName, [key]: { ...target } };
  });
  return json(body.validateOnly ? {} : { results });
}

/** A fetch that runs the script first and answers from the world otherwise, keeping every request. */
export function scriptedFetch(w: World, script: Script = () => undefined) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request: Sent = { url, headers: init.headers as Record<string, string>, body: JSON.parse(init.body as string) as Record<string, unknown> };
    sent.push(request);
    const scripted = script(request, sent.length - 1);
    if (scripted instanceof Error) throw scripted;
    if (scripted) return scripted;
    const route = /customers\/\d+\/(\w+):(\w+)$/.exec(url);
    if (route?.[2] === 'searchStream') return json([{ results: search(w, request.body.query as string) }]);
    return mutate(w, route![1], request.body);
  };
  return { fetch, sent };
}

/** A client on a scripted fetch, with a manual clock (a Monday noon in New York) and a sleep that only records. */
export function makeClient(fetch: FetchLike, perDay = 15_000, extra: { log?: string[]; loginCustomerId?: string } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 2, 2, 17));
  const slept: number[] = [];
  const quota = new OperationsQuota(clock, perDay);
  const client = new GoogleAdsClient({
    fetch,
    accessToken: async () => ACCESS_TOKEN,
    customerId: '123-456-7890',
    developerToken: DEVELOPER_TOKEN,
    loginCustomerId: extra.loginCustomerId,
    baseUrl: BASE,
    quota,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    log: extra.log ? (line) => extra.log?.push(line) : undefined,
  });
  return { client, clock, slept, quota };
}
