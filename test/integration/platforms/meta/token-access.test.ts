import { afterEach, describe, expect, it } from 'vitest';
import { FakeMetaServer, fakeId, fakeWorld } from '@platforms/meta/fake/index';
import { GraphClient } from '@platforms/meta/graph-client';
import { MetaApiError } from '@platforms/meta/graph-errors';
import { readTokenAccess } from '@platforms/meta/token-access';
import { ManualClock } from '@shared/time';
import { NOW, threeCampaigns, TOKEN } from './meta-fixture';

/** What a token may do, read from the fake Graph API: with full access, and started --read-only. */

const fakes: FakeMetaServer[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function connect(readOnly: boolean) {
  const clock = new ManualClock(NOW);
  const fake = await FakeMetaServer.start({ world: fakeWorld(threeCampaigns(), clock), clock, token: TOKEN, readOnly });
  fakes.push(fake);
  const client = new GraphClient({ fetch: (url, init) => fetch(url, init), token: TOKEN, baseUrl: fake.url, clock, sleep: async () => undefined });
  return { fake, client };
}

/** A client whose every answer to `GET /me/permissions` and the account is the one given. */
function answering(permissions: { permission: string; status: string }[], userTasks?: string[]) {
  const fetch = async (url: string) => {
    const path = new URL(url).pathname;
    const body = path.endsWith('/me/permissions') ? { data: permissions } : { id: 'act_42', ...(userTasks && { user_tasks: userTasks }) };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return new GraphClient({ fetch, token: TOKEN, baseUrl: 'http://graph.test', clock: new ManualClock(NOW), sleep: async () => undefined });
}

describe('readTokenAccess', () => {
  it('says a token with ads_management and the MANAGE task may change the account', async () => {
    const { fake, client } = await connect(false);
    const access = await readTokenAccess(client, fake.account.id);
    expect(access).toEqual({ permissions: ['ads_management', 'ads_read'], canManage: true, userTasks: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'] });
    expect(await readTokenAccess(client)).toEqual({ permissions: ['ads_management', 'ads_read'], canManage: true });
  });

  it('says a read-only token may not, and why, naming where the token came from', async () => {
    const { fake, client } = await connect(true);
    const access = await readTokenAccess(client, fake.account.id, 'the token from ACM_META_TOKEN');
    expect(access).toEqual({
      permissions: ['ads_read'],
      canManage: false,
      userTasks: ['ANALYZE'],
      readOnlyReason: 'the token from ACM_META_TOKEN has ads_read only (ads_management not granted)',
    });
  });

  it('judges the account by its user tasks when ads_management is granted', async () => {
    const analyst = await readTokenAccess(
      answering(
        [
          { permission: 'ads_management', status: 'granted' },
          { permission: 'ads_read', status: 'granted' },
        ],
        ['ANALYZE', 'DRAFT'],
      ),
      '42',
    );
    expect(analyst).toMatchObject({
      canManage: false,
      readOnlyReason: 'on act_42 the token may only ANALYZE and DRAFT (changing it takes the ADVERTISE or MANAGE task)',
    });
    const advertiser = await readTokenAccess(answering([{ permission: 'ads_management', status: 'granted' }], ['ADVERTISE', 'ANALYZE']), 'act_42');
    expect(advertiser.canManage).toBe(true);
    const unlisted = await readTokenAccess(answering([{ permission: 'ads_management', status: 'granted' }]), 'act_42');
    expect(unlisted).toEqual({ permissions: ['ads_management'], canManage: true });
  });

  it('counts only granted permissions: a declined or expired ads_management reads only', async () => {
    const declined = await readTokenAccess(
      answering([
        { permission: 'ads_read', status: 'granted' },
        { permission: 'ads_management', status: 'declined' },
      ]),
    );
    expect(declined).toEqual({ permissions: ['ads_read'], canManage: false, readOnlyReason: 'the token has ads_read only (ads_management declined)' });
    const expired = await readTokenAccess(answering([{ permission: 'ads_management', status: 'expired' }]));
    expect(expired).toMatchObject({ permissions: [], canManage: false, readOnlyReason: 'the token lacks ads_management (expired) and ads_read' });
  });
});

describe('the fake --read-only', () => {
  it("refuses every write, a validate_only dry run too, with Meta's code 200, which the client reads as a permission refusal", async () => {
    const { fake, client } = await connect(true);
    const campaign = fakeId('campaign', 0);
    const before = (await client.get<{ daily_budget: string }>(campaign, { fields: ['daily_budget'] })).daily_budget;
    for (const params of [{ daily_budget: 20000, execution_options: ['validate_only'] }, { daily_budget: 20000 }, { status: 'PAUSED' }]) {
      const refused = await client.post(campaign, params).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(MetaApiError);
      expect(refused).toMatchObject({ platformCode: 'PERMISSION_DENIED', retryable: false, meta: { code: 200 } });
      expect((refused as Error).message).toContain('(#200) Requires ads_management permission to manage the object');
    }
    expect((await client.get<{ daily_budget: string }>(campaign, { fields: ['daily_budget'] })).daily_budget).toBe(before);
    expect(fake.account.activities).toEqual([]);
  });
});
