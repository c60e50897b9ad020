import { afterEach, describe, expect, it } from 'vitest';
import { FakeMetaServer, fakeId, fakeWorld } from '@platforms/meta/fake/index';
import { GraphClient, type FetchLike } from '@platforms/meta/graph-client';
import { MemoryIdempotencyStore } from '@shared/platform/idempotency';
import { openMetaAdapter, type MetaAdapter } from '@platforms/meta/meta-adapter';
import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS, ManualClock } from '@shared/time';
import { makeScenario } from '../../../unit/platforms/sandbox/make-scenario';
import { NOW, startFake, threeCampaigns, TOKEN } from './meta-fixture';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function adapterOver(fake: FakeMetaServer, clock: ManualClock, fetch: FetchLike): Promise<MetaAdapter> {
  const client = new GraphClient({ fetch, token: TOKEN, baseUrl: fake.url, clock, sleep: async () => undefined });
  return openMetaAdapter({ client, accountId: fake.account.id, clock, idempotency: new MemoryIdempotencyStore() });
}

async function inProcess(scenario: Scenario = threeCampaigns(), clock = new ManualClock(NOW)): Promise<{ fake: FakeMetaServer; adapter: MetaAdapter }> {
  const fake = FakeMetaServer.inProcess({ world: fakeWorld(scenario, clock), clock, token: TOKEN });
  return { fake, adapter: await adapterOver(fake, clock, fake.fetch) };
}

describe('the fake without a socket', () => {
  it('answers the adapter in the process exactly as it answers over HTTP', async () => {
    const clock = new ManualClock(NOW);
    const overHttp = await startFake(threeCampaigns(), clock);
    closers.push(() => overHttp.close());
    const httpAdapter = await adapterOver(overHttp, clock, (url, init) => fetch(url, init));
    const local = await inProcess(threeCampaigns(), clock);
    expect(local.fake.url).toBe('http://graph.fake-meta.invalid');

    expect(await local.adapter.describeCampaigns()).toEqual(await httpAdapter.describeCampaigns());
    const query = { from: NOW - 3 * 24 * HOUR_MS, to: NOW, breakdown: 'audience' as const };
    expect(await local.adapter.getMetrics(query)).toEqual(await httpAdapter.getMetrics(query));
  });

  it('fails a lost answer as a dropped connection, which the adapter settles by reading back', async () => {
    const { fake, adapter } = await inProcess();
    fake.faults.inject({ kind: 'lost_answer', match: { method: 'POST', validateOnly: false } });
    const campaignId = fakeId('campaign', 0);
    await expect(adapter.applyChange({ kind: 'budget', campaignId, dailyBudget: 130 }, 'k1')).resolves.toMatchObject({
      applied: true,
      campaign: { dailyBudget: 130 },
    });
    await expect(fake.fetch(`${fake.url}/v24.0/me?access_token=${TOKEN}`)).resolves.toMatchObject({ status: 200 });
    fake.faults.inject({ kind: 'lost_answer' });
    await expect(fake.fetch(`${fake.url}/v24.0/me?access_token=${TOKEN}`)).rejects.toThrow(/fetch failed/);
    await expect(fake.fetch(`https://graph.facebook.com/v24.0/me?access_token=${TOKEN}`)).rejects.toMatchObject({
      cause: { message: expect.stringContaining('answers only http://graph.fake-meta.invalid') },
    });
  });
});

describe('a creative that never ran', () => {
  const rested = () =>
    makeScenario({
      timezone: 'America/New_York',
      days: 30,
      campaigns: [
        {
          creatives: [
            { id: 'hook', name: 'Hook' },
            { id: 'fresh', name: 'Fresh', enabled: false },
          ],
        },
      ],
    });

  it('reads as never live, however old its ads, until it has delivered', async () => {
    const clock = new ManualClock(NOW);
    const { adapter } = await inProcess(rested(), clock);
    const campaignId = fakeId('campaign', 0);
    const fresh = fakeId('creative', 0, -1, 1);
    const creatives = async () => (await adapter.getCampaign(campaignId)).creatives;
    expect((await creatives()).map((c) => [c.name, c.enabled, c.liveSince === null])).toEqual([
      ['Hook', true, false],
      ['Fresh', false, true],
    ]);

    await adapter.applyChange({ kind: 'creative', campaignId, creativeId: fresh, enabled: true }, 'on');
    clock.advance(3 * HOUR_MS);
    await adapter.applyChange({ kind: 'creative', campaignId, creativeId: fresh, enabled: false }, 'off');
    const after = (await creatives()).find((c) => c.id === fresh);
    expect(after).toMatchObject({ enabled: false, liveSince: expect.any(Number) });
  });
});
