import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMetaServer } from '@platforms/meta/fake/index';
import { fakeId } from '@platforms/meta/fake/index';
import { ACCOUNT_FIELDS, AD_FIELDS, AD_SET_FIELDS, CAMPAIGN_FIELDS, CREATIVE_FIELDS } from '@platforms/meta/fake/fake-objects';
import { FIELDS } from '@platforms/meta/meta-objects';
import { checkObject, checkValue, enumValues, spec, updateParams } from './spec-types';
import { startFake, TOKEN } from './meta-fixture';

let fake: FakeMetaServer;
beforeAll(async () => {
  fake = await startFake();
  // Something in the activity log, and an ad set with a bid cap.
  await call('POST', fakeId('adset', 1, 0), { daily_budget: '2100', bid_amount: 150, bid_strategy: 'LOWEST_COST_WITH_BID_CAP' });
});
afterAll(() => fake.close());

async function call(
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, unknown> = {},
  version = 'v24.0',
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const url = new URL(`${fake.url}/${version}/${path}`);
  let body: string | undefined;
  if (method === 'GET') {
    for (const [k, v] of Object.entries({ ...params, access_token: TOKEN })) url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  } else body = JSON.stringify({ ...params, access_token: TOKEN });
  const response = await fetch(url, { method, body, headers: body ? { 'content-type': 'application/json' } : undefined });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const all = (registry: object) => Object.keys(registry).join(',');
const data = (body: Record<string, unknown>) => body.data as Record<string, unknown>[];

describe('the fake against the Graph API specs', () => {
  it('serves only fields of the specs, each of its spec type', async () => {
    const problems: string[] = [];
    const account = (await call('GET', fake.account.id, { fields: all(ACCOUNT_FIELDS) })).body;
    problems.push(...checkObject(account, 'AdAccount', 'AdAccount'));
    for (const [edge, type, registry] of [
      ['campaigns', 'Campaign', CAMPAIGN_FIELDS],
      ['adsets', 'AdSet', AD_SET_FIELDS],
      ['ads', 'Ad', AD_FIELDS],
      ['adcreatives', 'AdCreative', CREATIVE_FIELDS],
    ] as const) {
      const fields = all(registry).replace(/\bcreative\b/, 'creative{id,name,status,account_id}');
      const rows = data((await call('GET', `${fake.account.id}/${edge}`, { fields, limit: 100 })).body);
      expect(rows.length).toBeGreaterThan(0);
      rows.forEach((row, i) => problems.push(...checkObject(row, type, `${edge}[${i}]`)));
    }
    for (const row of data((await call('GET', `${fake.account.id}/minimum_budgets`)).body))
      problems.push(...checkObject(row, 'MinimumBudget', 'minimum_budgets'));
    const activities = data(
      (
        await call('GET', `${fake.account.id}/activities`, {
          fields:
            'actor_id,actor_name,application_id,application_name,date_time_in_timezone,event_time,event_type,extra_data,object_id,object_name,object_type,translated_event_type',
        })
      ).body,
    );
    expect(activities.map((a) => a.event_type)).toEqual(expect.arrayContaining(['update_ad_set_budget', 'update_ad_set_bidding']));
    activities.forEach((row, i) => problems.push(...checkObject(row, 'AdActivity', `activities[${i}]`)));
    expect(problems).toEqual([]);
  });

  it('answers insights with AdsInsights fields, AdsActionStats values and hourly labels of the breakdown enum', async () => {
    const problems: string[] = [];
    const fields =
      'account_id,account_name,account_currency,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,spend,impressions,clicks,cpc,ctr,cpm,actions,action_values,purchase_roas,date_start,date_stop';
    const today = fake.account.zone.date(fake.account.now());
    const range = { since: '2026-03-15', until: today };
    const breakdown = 'hourly_stats_aggregated_by_advertiser_time_zone';
    expect(enumValues('adaccountinsights_breakdowns_enum_param')).toContain(breakdown);
    for (const level of ['account', 'campaign', 'adset', 'ad']) {
      const daily = data(
        (
          await call('GET', `${fake.account.id}/insights`, {
            level,
            fields,
            time_range: range,
            time_increment: 1,
            action_attribution_windows: ['7d_click', '1d_view'],
            limit: 500,
          })
        ).body,
      );
      const hourly = data(
        (
          await call('GET', `${fake.account.id}/insights`, {
            level,
            fields: 'spend,impressions,clicks',
            time_range: range,
            time_increment: 1,
            breakdowns: [breakdown],
            limit: 500,
          })
        ).body,
      );
      expect(daily.length).toBeGreaterThan(0);
      expect(hourly.length).toBeGreaterThan(daily.length);
      daily.forEach((row, i) => problems.push(...checkObject(row, 'AdsInsights', `${level}.daily[${i}]`)));
      hourly.forEach((row, i) => problems.push(...checkObject(row, 'AdsInsights', `${level}.hourly[${i}]`, { [breakdown]: 'string' })));
      for (const row of hourly) expect(row[breakdown]).toMatch(/^(\d{2}):00:00 - \1:59:59$/);
      expect(hourly.some((r) => (r.actions as { action_type: string }[] | undefined)?.some((a) => a.action_type === 'purchase'))).toBe(false);
    }
    expect(problems).toEqual([]);
    expect(() => checkValue('7d_click', 'adaccountinsights_action_attribution_windows_enum_param', 'window')).not.toThrow();
  });

  it('asks for fields the specs have: every field list of the adapter is in its object’s spec', () => {
    const types: [keyof typeof FIELDS, string][] = [
      ['account', 'AdAccount'],
      ['campaign', 'Campaign'],
      ['adSet', 'AdSet'],
      ['ad', 'Ad'],
      ['activity', 'AdActivity'],
    ];
    const missing = types.flatMap(([list, type]) => {
      const names = new Set(spec(type)?.fields.map((f) => f.name));
      return (FIELDS[list] as readonly string[])
        .map((f) => f.replace(/\{.*\}$/, ''))
        .filter((f) => !names.has(f))
        .map((f) => `${type}.${f}`);
    });
    expect(missing).toEqual([]);
  });

  it('takes on POST /{id} only parameters the specs list for #update', () => {
    const taken = {
      Campaign: ['status', 'daily_budget', 'bid_strategy', 'execution_options'],
      AdSet: ['status', 'daily_budget', 'bid_amount', 'bid_strategy', 'execution_options'],
      Ad: ['status', 'execution_options'],
    };
    for (const [object, names] of Object.entries(taken)) {
      const params = updateParams(object);
      for (const name of names) expect(params.has(name), `${object} #update ${name}`).toBe(true);
    }
    expect(enumValues('adcampaign_execution_options')).toContain('validate_only');
  });

  it("answers errors in Meta's envelope, with the usage header", async () => {
    const unknown = await call('GET', '120211099900000000', { fields: 'id' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: expect.any(String),
      message: expect.any(String),
      fbtrace_id: expect.any(String),
    });
    expect(JSON.parse(unknown.headers.get('x-business-use-case-usage') ?? '{}')).toEqual({
      [fake.account.accountNumber]: [expect.objectContaining({ type: 'ads_management', call_count: expect.any(Number), estimated_time_to_regain_access: 0 })],
    });
    const field = await call('GET', fake.account.id, { fields: 'no_such_field' });
    expect(field.body.error).toMatchObject({ code: 100 });
  });
});

describe('the fake takes what the real API takes', () => {
  const adSet = fakeId('adset', 1, 1);

  it('the token in the query string, a JSON body (repeating the id, as the SDK posts) or a form body; any other token gets 190', async () => {
    const json = await fetch(`${fake.url}/v24.0/${adSet}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: adSet, daily_budget: 2200, access_token: TOKEN }),
    });
    expect(await json.json()).toEqual({ success: true });
    const form = await fetch(`${fake.url}/v24.0/${adSet}`, { method: 'POST', body: new URLSearchParams({ status: 'PAUSED', access_token: TOKEN }) });
    expect(await form.json()).toEqual({ success: true });
    const query = await fetch(`${fake.url}/v24.0/${adSet}?access_token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'ACTIVE' }),
    });
    expect(await query.json()).toEqual({ success: true });
    expect((await call('GET', adSet, { fields: 'daily_budget,status' })).body).toEqual({ daily_budget: '2200', status: 'ACTIVE', id: adSet });
    const wrong = await fetch(`${fake.url}/v24.0/me?access_token=not-the-token`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: expect.objectContaining({ code: 190, type: 'OAuthException' }) });
  });

  it('Graph API v24.0 and later in the path, and not earlier', async () => {
    expect((await call('GET', 'me', {}, 'v25.0')).status).toBe(200);
    expect((await call('GET', 'me', {}, 'v24.0')).status).toBe(200);
    expect((await call('GET', 'me', {}, 'v23.0')).body.error).toMatchObject({ code: 2635 });
  });

  it('paging.next: a full URL on its own origin carrying every original parameter, absent on the last page', async () => {
    const first = await call('GET', `${fake.account.id}/ads`, { fields: 'id,status', limit: 3, effective_status: ['ACTIVE', 'PAUSED'] });
    const paging = first.body.paging as { cursors: { before: string; after: string }; next: string };
    expect(typeof paging.cursors.after).toBe('string');
    const next = new URL(paging.next);
    expect(next.origin).toBe(fake.url);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({
      fields: 'id,status',
      limit: '3',
      effective_status: '["ACTIVE","PAUSED"]',
      access_token: TOKEN,
      after: paging.cursors.after,
    });
    const ids: string[] = data(first.body).map((a) => a.id as string);
    for (let url: string | undefined = paging.next; url;) {
      const page = (await (await fetch(url)).json()) as { data: { id: string }[]; paging?: { next?: string } };
      ids.push(...page.data.map((a) => a.id));
      url = page.paging?.next;
    }
    // 8 ads, less the paused campaign's, whose effective status is CAMPAIGN_PAUSED.
    expect(new Set(ids).size).toBe(7);
  });

  it('refuses a fifth budget change of an ad set within the hour with code 17', async () => {
    const target = fakeId('adset', 1, 2);
    for (let i = 1; i <= 4; i++) expect((await call('POST', target, { daily_budget: String(4000 + i) })).body).toEqual({ success: true });
    const fifth = await call('POST', target, { daily_budget: '4100' });
    expect(fifth.body.error).toMatchObject({ code: 17 });
    expect((await call('GET', target, { fields: 'daily_budget' })).body.daily_budget).toBe('4004');
  });
});
