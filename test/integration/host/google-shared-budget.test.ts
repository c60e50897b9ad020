import { afterEach, describe, expect, it } from 'vitest';
import { FakeGoogleAdsServer, FAKE_GOOGLE_TEST_TOKEN, fakeGoogleWorld } from '@platforms/google/fake/index';
import { FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { Secret } from '@host/credentials/secret';
import { openGoogleAccount } from '@host/google-account';
import { connectGoogle } from '@host/google-oauth/connect-google';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import { openDatabase, type Store } from '@store/index';
import { AcceleratedClock } from '@shared/time';
import { makeScenario } from '../../unit/platforms/sandbox/make-scenario';
import { tempDir } from '../store/temp-dir';
import { browser } from './google-oauth-fixture';
import { MemoryKeyring } from './meta-serve-fixture';
import { CUSTOMER_ID, START } from './google-serve-fixture';

/** Three campaigns; the fake puts the first two on one shared budget (of their two budgets together). */
const account = () =>
  makeScenario({
    name: 'Maple Outdoors',
    timezone: 'America/Chicago',
    currency: 'CAD',
    days: 30,
    campaigns: ['Search - Tents', 'Search - Boots', 'Display - Retarget'].map((name) => ({
      name,
      dailyBudget: 100,
      response: { maxConversions: 60, halfSaturationSpend: 200 },
    })),
  });

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function hostOn(agentCampaigns: (ids: string[]) => string[] | '*') {
  const tmp = tempDir();
  const clock = new AcceleratedClock(START, 1);
  const fake = await FakeGoogleAdsServer.start({ world: fakeGoogleWorld(account(), clock), clock, token: FAKE_GOOGLE_TEST_TOKEN, sharedBudget: [0, 1] });
  const store: Store = openDatabase({ path: tmp.file('acm.db') });
  stops.push(
    () => tmp.remove(),
    () => fake.close(),
    () => store.close(),
  );
  const signIn = await connectGoogle({
    client: { clientId: FAKE_GOOGLE_CLIENT_ID, clientSecret: new Secret(FAKE_GOOGLE_CLIENT_SECRET) },
    endpoints: fakeGoogleOAuthEndpoints(fake.url),
    openExternal: browser().openExternal,
  });
  const opened = await openGoogleAccount(
    { store, startClock: () => clock, now: () => START, log: () => undefined },
    {
      customerId: CUSTOMER_ID,
      apiBase: fake.url,
      oauthEndpoints: fakeGoogleOAuthEndpoints(fake.url),
      env: {
        ACM_GOOGLE_REFRESH_TOKEN: signIn.refreshToken.reveal(),
        ACM_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT_ID,
        ACM_GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT_SECRET,
      },
      keyring: new MemoryKeyring(),
    },
  );
  const campaigns = await opened.platform.listCampaigns();
  const ids = campaigns.map((c) => c.id);
  const definition = { name: 'Search keeper', role: 'efficiency', campaigns: agentCampaigns(ids), constraints: { actions: ['budget'] }, goals: [] };
  store.agents.create({ name: definition.name, definition, goals: [] }, START);
  const budgetMoves = () => fake.requests.filter((r) => r.path.endsWith('campaignBudgets:mutate')).length;
  return { platform: opened.platform, campaigns, budgetMoves };
}

describe('a Google shared budget under the host', () => {
  it('is shown with every campaign on it and moves when the workspace’s agents manage them all', async () => {
    const { platform, campaigns, budgetMoves } = await hostOn((ids) => ids.slice(0, 2));
    const [tents, boots] = campaigns;
    expect(tents.sharedBudget?.campaignIds).toEqual([tents.id, boots.id]);
    const result = await platform.applyChange({ kind: 'budget', campaignId: tents.id, dailyBudget: 110 }, 'k1');
    expect(result.campaign.dailyBudget).toBe(110);
    expect((await platform.getCampaign(boots.id)).dailyBudget).toBe(110);
    expect(budgetMoves()).toBe(2);
  }, 30_000);

  it('is left alone, nothing sent, when a campaign on it is managed by no agent of the workspace', async () => {
    const { platform, campaigns, budgetMoves } = await hostOn((ids) => [ids[0], ids[2]]);
    const [tents, boots] = campaigns;
    await expect(platform.applyChange({ kind: 'budget', campaignId: tents.id, dailyBudget: 110 }, 'k1')).rejects.toMatchObject({
      platformCode: 'POLICY_REJECTED',
      message: expect.stringContaining(`Search - Boots (${boots.id})`),
    });
    expect((await platform.getCampaign(boots.id)).dailyBudget).toBe(boots.dailyBudget);
    expect(budgetMoves()).toBe(0);
  }, 30_000);
});
