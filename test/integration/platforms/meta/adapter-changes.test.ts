import { afterEach, describe, expect, it } from 'vitest';
import { fakeId } from '@platforms/meta/fake/index';
import { PlatformError } from '@shared/platform/adapter';
import { HOUR_MS } from '@shared/time';
import { harness, requestsSince, TOKEN, writesTo, type Harness } from './meta-fixture';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PROSPECTING = fakeId('campaign', 0);
const RETARGETING = fakeId('campaign', 1);
const world = () => h!.fake.account.world;
const budget = (campaignId: string, dailyBudget: number) => ({ kind: 'budget' as const, campaignId, dailyBudget });

describe('Meta adapter against the fake: changes', () => {
  it('dry-runs a change with validate_only, writes it as an absolute value, then reads it back', async () => {
    h = await harness();
    const from = h.fake.requests.length;
    const result = await h.adapter.applyChange(budget(PROSPECTING, 120), 'k1');
    expect(result).toMatchObject({ applied: true, appliedAt: h.clock.now() });
    expect(result.campaign.dailyBudget).toBe(120);
    expect(world().campaigns[0].dailyBudget).toBe(120);
    const posts = h.fake.requests.slice(from).filter((r) => r.method === 'POST');
    expect(posts.map((p) => [p.path, p.params.daily_budget, p.params.execution_options ?? null])).toEqual([
      [PROSPECTING, '12000', '["validate_only"]'],
      [PROSPECTING, '12000', null],
    ]);
    expect(requestsSince(h.fake, from).at(-1)).toMatch(new RegExp(`^GET ${PROSPECTING}/ads$`));
  });

  it('splits a campaign budget held by ad sets among them by their shares, in whole cents', async () => {
    h = await harness();
    const result = await h.adapter.applyChange(budget(RETARGETING, 100.01), 'k1');
    expect(result.campaign.dailyBudget).toBe(100.01);
    expect(h.fake.account.campaigns[1].adSetBudgets).toEqual([2500, 2500, 5001]);
    expect(world().campaigns[1].dailyBudget).toBeCloseTo(100.01, 9);
  });

  it('refuses a budget under the minimum Meta gives for the account before sending anything', async () => {
    h = await harness();
    const from = h.fake.requests.length;
    await expect(h.adapter.applyChange(budget(RETARGETING, 2.5), 'k1')).rejects.toThrow(/ad set .* would get \$0\.63 a day, under Meta's minimum of \$1\.00/);
    expect(h.fake.requests.slice(from).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('never sends a fifth budget change of an ad set within the hour, and sends it once the hour has passed', async () => {
    h = await harness();
    for (let i = 1; i <= 4; i++) await h.adapter.applyChange(budget(PROSPECTING, 100 + i), `k${i}`);
    const from = h.fake.requests.length;
    const fifth = await h.adapter.applyChange(budget(PROSPECTING, 110), 'k5').catch((e: PlatformError) => e);
    expect(fifth).toBeInstanceOf(PlatformError);
    expect(fifth).toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: HOUR_MS });
    expect((fifth as Error).message).toMatch(/changed 4 times in the last hour.*not sent/);
    expect(h.fake.requests.slice(from).filter((r) => r.method === 'POST')).toEqual([]);
    expect(writesTo(h.fake, PROSPECTING)).toHaveLength(4);

    h.clock.advance(HOUR_MS);
    await h.adapter.applyChange(budget(PROSPECTING, 110), 'k5');
    expect(world().campaigns[0].dailyBudget).toBe(110);
  });

  it("counts the changes Meta's activity log shows, so a restarted adapter does not send a fifth either", async () => {
    h = await harness();
    for (let i = 1; i <= 4; i++) await h.adapter.applyChange(budget(PROSPECTING, 100 + i), `k${i}`);
    const { openMetaAdapter } = await import('@platforms/meta/meta-adapter');
    const { MemoryIdempotencyStore } = await import('@shared/platform/idempotency');
    const fresh = await openMetaAdapter({ client: h.client, accountId: h.adapter.id, clock: h.clock, idempotency: new MemoryIdempotencyStore() });
    await expect(fresh.applyChange(budget(PROSPECTING, 90), 'other')).rejects.toMatchObject({ platformCode: 'RATE_LIMITED' });
    expect(writesTo(h.fake, PROSPECTING)).toHaveLength(4);
  });

  it('slows its calls when the usage header says 90%', async () => {
    h = await harness();
    await h.adapter.listCampaigns();
    expect(h.slept).toEqual([]);
    h.fake.usage.floorPercent = 90;
    await h.adapter.listCampaigns();
    // The first answer at 90% paces every later call 8 s apart.
    expect(h.slept).toEqual([8000, 8000]);
    h.fake.usage.floorPercent = 0;
    await h.adapter.listCampaigns();
    expect(h.slept).toHaveLength(3);
  });

  it('settles a budget write whose answer was lost by reading it back, and writes it only once', async () => {
    h = await harness();
    h.fake.faults.inject({ kind: 'lost_answer', match: { method: 'POST', validateOnly: false } });
    const result = await h.adapter.applyChange(budget(PROSPECTING, 130), 'k1');
    expect(result).toMatchObject({ applied: true, campaign: { dailyBudget: 130 } });
    expect(writesTo(h.fake, PROSPECTING)).toHaveLength(1);
    expect(h.log.join('\n')).toMatch(/answer was lost.*read back shows it applied/);
  });

  it('reports a write that failed and reads back unchanged as not applied; the retry with the same key applies it once', async () => {
    h = await harness();
    h.fake.faults.inject({ kind: 'transient', match: { method: 'POST', validateOnly: false } });
    await expect(h.adapter.applyChange(budget(PROSPECTING, 130), 'k1')).rejects.toMatchObject({
      platformCode: 'TRANSIENT',
      message: expect.stringMatching(/reads back unchanged/),
    });
    expect(world().campaigns[0].dailyBudget).toBe(100);
    await expect(h.adapter.applyChange(budget(PROSPECTING, 130), 'k1')).resolves.toMatchObject({ applied: true });
    expect(world().campaigns[0].dailyBudget).toBe(130);
  });

  it("surfaces a validate_only refusal in Meta's own words, and sends nothing for real", async () => {
    h = await harness();
    const words = 'Budget increases on this account are on hold while its payment method is reviewed.';
    h.fake.faults.inject({ kind: 'policy', match: { validateOnly: true }, message: words });
    const refused = await h.adapter.applyChange(budget(PROSPECTING, 150), 'k1').catch((e: PlatformError) => e);
    expect(refused).toMatchObject({ platformCode: 'POLICY_REJECTED', retryable: false });
    expect((refused as Error).message).toContain(words);
    expect(writesTo(h.fake, PROSPECTING)).toEqual([]);

    h.fake.faults.inject({ kind: 'invalid', match: { validateOnly: true }, message: 'The bid is too low for this placement.' });
    await expect(h.adapter.applyChange(budget(PROSPECTING, 150), 'k2')).rejects.toMatchObject({
      platformCode: 'INVALID_CHANGE',
      message: expect.stringContaining('The bid is too low'),
    });
  });

  it('stops at an expired token mid-run: one error, nothing retried, nothing sent after', async () => {
    h = await harness();
    await h.adapter.listCampaigns();
    h.fake.expireToken();
    const from = h.fake.requests.length;
    const zone = world().zone;
    const error = await h.adapter.getMetrics({ from: zone.addLocalDays(h.clock.now(), -28), to: h.clock.now() }).catch((e: PlatformError) => e);
    expect(error).toMatchObject({ platformCode: 'AUTH_EXPIRED', retryable: false });
    await expect(h.adapter.listCampaigns()).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    await expect(h.adapter.applyChange(budget(PROSPECTING, 120), 'k1')).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
    expect(h.fake.requests.length - from).toBe(1);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(h.log.join('\n')).not.toContain(TOKEN);
  });

  it('honours idempotency keys: the same key returns the first result and sends nothing; another change under it is refused', async () => {
    h = await harness();
    const first = await h.adapter.applyChange(budget(PROSPECTING, 120), 'k1');
    const from = h.fake.requests.length;
    await expect(h.adapter.applyChange(budget(PROSPECTING, 120), 'k1')).resolves.toEqual({ ...first, applied: false });
    expect(h.fake.requests.length).toBe(from);
    await expect(h.adapter.applyChange(budget(PROSPECTING, 140), 'k1')).rejects.toMatchObject({ platformCode: 'INVALID_CHANGE' });
  });

  it('pauses ad sets (targeting), ads of a creative, and campaigns; sets a bid cap on every ad set', async () => {
    h = await harness();
    const lookalike = fakeId('adset', 0, 1);
    await h.adapter.applyChange({ kind: 'targeting', campaignId: PROSPECTING, audienceId: lookalike, enabled: false }, 't');
    expect(world().campaigns[0].audiences[1].enabled).toBe(false);
    const carousel = fakeId('creative', 0, -1, 1);
    const result = await h.adapter.applyChange({ kind: 'creative', campaignId: PROSPECTING, creativeId: carousel, enabled: false }, 'c');
    expect(writesTo(h.fake, fakeId('ad', 0, 0, 1))).toEqual([{ status: 'PAUSED' }]);
    expect(writesTo(h.fake, fakeId('ad', 0, 1, 1))).toEqual([{ status: 'PAUSED' }]);
    expect(result.campaign.creatives.find((c) => c.id === carousel)?.enabled).toBe(false);
    await h.adapter.applyChange({ kind: 'bid', campaignId: RETARGETING, bid: { strategy: 'max_cpc', amount: 1.25 } }, 'b');
    expect(writesTo(h.fake, fakeId('adset', 1, 0))).toEqual([{ bid_strategy: 'LOWEST_COST_WITH_BID_CAP', bid_amount: '125' }]);
    expect(world().campaigns[1].bid).toEqual({ strategy: 'max_cpc', amount: 1.25 });
    const paused = await h.adapter.applyChange({ kind: 'status', campaignId: RETARGETING, status: 'paused' }, 's');
    expect(paused.campaign.status).toBe('paused');
  });

  it('never touches an archived ad set: it is not listed, not given budget, not changed', async () => {
    h = await harness();
    const buyers = fakeId('adset', 1, 2);
    const archived = await fetch(`${h.fake.url}/v24.0/${buyers}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'ARCHIVED', access_token: TOKEN }),
    });
    expect(await archived.json()).toEqual({ success: true });
    const view = (await h.adapter.describeCampaigns()).find((v) => v.info.id === RETARGETING)!;
    expect(view.adSets.map((a) => a.id)).not.toContain(buyers);
    expect(view.info.dailyBudget).toBe(40);
    const from = h.fake.requests.length;
    await h.adapter.applyChange(budget(RETARGETING, 60), 'k1');
    await expect(h.adapter.applyChange({ kind: 'targeting', campaignId: RETARGETING, audienceId: buyers, enabled: true }, 'k2')).rejects.toMatchObject({
      platformCode: 'NOT_FOUND',
    });
    expect(writesTo(h.fake, buyers, from)).toEqual([]);
    expect(h.fake.account.campaigns[1].adSetBudgets).toEqual([3000, 3000, 4000]);
  });
});
