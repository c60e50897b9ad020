import { afterEach, describe, expect, it } from 'vitest';
import { LABELS } from '@platforms/meta/campaign-view';
import { fakeId } from '@platforms/meta/fake/index';
import { HOUR_MS } from '@shared/time';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';
import { harness, requestsSince, type Harness } from './meta-fixture';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const [PROSPECTING, RETARGETING, SALE] = [0, 1, 2].map((c) => fakeId('campaign', c));

describe('Meta adapter against the fake: reading an account', () => {
  it('reads the ad account: act_ id, currency, time zone, status and minimum budgets', async () => {
    h = await harness();
    const { account } = h.adapter;
    expect(account.id).toBe(h.fake.account.id);
    expect(account.currency).toBe('USD');
    expect(account.zone.id).toBe('America/New_York');
    expect(account.statusText).toBe('active');
    expect(account.minimums).toEqual({ impressions: 1, videoViews: 2, highFrequency: 5, lowFrequency: 40 });
  });

  it('presents each budget where it lives and says which: on the campaign, or on each ad set', async () => {
    h = await harness();
    const views = await h.adapter.describeCampaigns();
    const byId = new Map(views.map((v) => [v.info.id, v]));
    const prospecting = byId.get(PROSPECTING)!;
    expect(prospecting.budgetLevel).toBe('campaign');
    expect(prospecting.budgets).toEqual([expect.objectContaining({ level: 'campaign', objectId: PROSPECTING, dailyBudget: 100, minDailyBudget: 2 })]);
    expect(prospecting.info).toMatchObject({ platform: 'meta', status: 'active', dailyBudget: 100, minDailyBudget: 2, bid: { strategy: 'lowest_cost' } });
    expect(prospecting.info.labels).toEqual(expect.arrayContaining(['brand', LABELS.campaignBudget]));
    expect(prospecting.info.audiences.map((a) => a.name)).toEqual(['Broad', 'Lookalike 1%']);
    // Two ads show each creative (one per ad set): the engine sees the two creatives.
    expect(prospecting.info.creatives.map((c) => c.name)).toEqual(['Video', 'Carousel']);

    const retargeting = byId.get(RETARGETING)!;
    expect(retargeting.budgetLevel).toBe('adset');
    expect(retargeting.budgets.map((b) => [b.level, b.dailyBudget])).toEqual([
      ['adset', 20],
      ['adset', 20],
      ['adset', 40],
    ]);
    expect(retargeting.info.dailyBudget).toBe(80);
    expect(retargeting.info.labels).toContain(LABELS.adSetBudget);
    expect(retargeting.info.audiences.map((a) => a.weight)).toEqual([20, 20, 40]);
    expect(byId.get(SALE)!.info.status).toBe('paused');
  });

  it('reads the learning stage of each ad set', async () => {
    h = await harness();
    const [prospecting] = await h.adapter.describeCampaigns();
    for (const adSet of prospecting.adSets) {
      expect(['LEARNING', 'SUCCESS', 'FAIL']).toContain(adSet.learning?.status);
      expect(adSet.learning?.lastSignificantEditAt).toBe(h.fake.account.world.startMs);
    }
  });

  it('follows the pages of every edge', async () => {
    h = await harness({ pageSize: 2 });
    const from = h.fake.requests.length;
    const campaigns = await h.adapter.listCampaigns();
    expect(campaigns).toHaveLength(3);
    const sent = requestsSince(h.fake, from);
    expect(sent.filter((r) => r.endsWith('/campaigns'))).toHaveLength(2);
    // 6 ad sets and 8 ads (one for each ad set and creative), two a page.
    expect(sent.filter((r) => r.endsWith('/adsets'))).toHaveLength(3);
    expect(sent.filter((r) => r.endsWith('/ads'))).toHaveLength(4);
  });

  it('reports hourly spend, impressions and clicks, and spreads each day’s conversions over its hours by clicks', async () => {
    h = await harness();
    const { world, zone } = { world: h.fake.account.world, zone: h.fake.account.world.zone };
    const today = zone.startOfDay(h.clock.now());
    const from = zone.addLocalDays(today, -3);
    const rows = await h.adapter.getMetrics({ from, to: today, campaignIds: [PROSPECTING] });
    expect(rows.every((r) => r.campaignId === PROSPECTING && r.hour >= from && r.hour < today)).toBe(true);
    const c = world.campaigns[0];
    const firstHour = (from - world.startMs) / HOUR_MS;
    const lastHour = (today - world.startMs) / HOUR_MS;
    let spend = 0;
    let conversions = 0;
    for (let t = firstHour; t < lastHour; t++) {
      for (let p = 0; p < c.pairs; p++) {
        spend += c.spend[t * c.pairs + p];
        conversions += c.conversions[t * c.pairs + p];
      }
    }
    // Meta writes each hour's spend to the cent.
    expect(Math.abs(rows.reduce((s, r) => s + r.spend, 0) - spend)).toBeLessThan(0.005 * rows.length);
    expect(rows.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(conversions, 6);
    const day = rows.filter((r) => zone.date(r.hour) === zone.date(from));
    const dayClicks = day.reduce((s, r) => s + r.clicks, 0);
    const dayConversions = day.reduce((s, r) => s + r.conversions, 0);
    for (const r of day) expect(r.conversions).toBeCloseTo((dayConversions * r.clicks) / dayClicks, 9);
    for (const r of rows) expect(zone.startOfHour(r.hour)).toBe(r.hour);
  });

  it('reads hours in the account zone across a 23-hour day', async () => {
    h = await harness();
    const zone = h.fake.account.world.zone;
    const springDay = zone.dayOfDate('2026-03-08');
    const rows = await h.adapter.getMetrics({ from: springDay.startMs, to: springDay.endMs, campaignIds: [PROSPECTING] });
    expect(new Set(rows.map((r) => r.hour)).size).toBe(23);
  });

  it('breaks rows down by ad set (audience) and by creative', async () => {
    h = await harness();
    const zone = h.fake.account.world.zone;
    const to = zone.startOfDay(h.clock.now());
    const from = zone.addLocalDays(to, -1);
    const plain = await h.adapter.getMetrics({ from, to, campaignIds: [PROSPECTING] });
    const byAudience = await h.adapter.getMetrics({ from, to, campaignIds: [PROSPECTING], breakdown: 'audience' });
    const byCreative = await h.adapter.getMetrics({ from, to, campaignIds: [PROSPECTING], breakdown: 'creative' });
    const total = (rows: typeof plain) => rows.reduce((s, r) => s + r.spend, 0);
    expect(new Set(byAudience.map((r) => r.audienceId))).toEqual(new Set([fakeId('adset', 0, 0), fakeId('adset', 0, 1)]));
    expect(new Set(byCreative.map((r) => r.creativeId))).toEqual(new Set([fakeId('creative', 0, -1, 0), fakeId('creative', 0, -1, 1)]));
    // Meta writes each row's spend to the cent: finer rows round more often.
    expect(Math.abs(total(byAudience) - total(plain))).toBeLessThan(0.005 * (byAudience.length + plain.length));
    expect(Math.abs(total(byCreative) - total(plain))).toBeLessThan(0.005 * (byCreative.length + plain.length));
  });

  it('converts money strings exactly in a currency without minor units', async () => {
    h = await harness({ scenario: makeScenario({ currency: 'JPY', campaigns: [{ name: 'Tokyo', dailyBudget: 1999 }] }) });
    const [campaign] = await h.adapter.listCampaigns();
    expect(campaign.dailyBudget).toBe(1999);
    await h.adapter.applyChange({ kind: 'budget', campaignId: campaign.id, dailyBudget: 2500 }, 'jpy-1');
    expect(h.fake.requests.at(-4)?.params.daily_budget).toBe('2500');
    expect(h.fake.account.world.campaigns[0].dailyBudget).toBe(2500);
  });
});
