import { describe, expect, it } from 'vitest';
import { GoogleAdsApiError } from '@platforms/google/ads-errors';
import { GoogleAdsClient } from '@platforms/google/ads-client';
import { OperationsQuota } from '@platforms/google/operations-quota';
import { PlatformError } from '@shared/platform/adapter';
import { ManualClock } from '@shared/time';
import { ACCESS_TOKEN, BASE, DEVELOPER_TOKEN, failure, makeClient, scriptedFetch, world, type Sent } from './google-fixture';

const quotaError = (retryDelay: string, rateName = 'Requests per minute') =>
  failure(
    429,
    'RESOURCE_EXHAUSTED',
    'quotaError',
    rateName.includes('operations') ? 'RESOURCE_EXHAUSTED' : 'RESOURCE_TEMPORARILY_EXHAUSTED',
    'Too many requests.',
    {
      details: { quotaErrorDetails: { rateScope: rateName.includes('operations') ? 'DEVELOPER' : 'ACCOUNT', rateName, retryDelay } },
    },
  );
const serverError = (status: number) => failure(status, 'UNAVAILABLE', 'internalError', 'TRANSIENT_ERROR', 'Try again.');

describe('Google Ads REST client', () => {
  it('posts GAQL to the pinned searchStream route with the bearer token, developer token and login customer, and flattens the batches', async () => {
    const { fetch, sent } = scriptedFetch(world(), () => new Response(JSON.stringify([{ results: [{ n: 1 }, { n: 2 }] }, { results: [{ n: 3 }] }, {}])));
    const { client } = makeClient(fetch, 15_000, { loginCustomerId: '999-000-1111' });
    expect(await client.search<{ n: number }>('SELECT campaign.id FROM campaign')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(sent[0].url).toBe(`${BASE}/v25/customers/1234567890/googleAds:searchStream`);
    expect(sent[0].body).toEqual({ query: 'SELECT campaign.id FROM campaign' });
    expect(sent[0].headers).toMatchObject({ authorization: `Bearer ${ACCESS_TOKEN}`, 'developer-token': DEVELOPER_TOKEN, 'login-customer-id': '9990001111' });
  });

  it('sends no developer-token or login-customer-id header when none is configured', async () => {
    const { fetch, sent } = scriptedFetch(world());
    const clock = new ManualClock(0);
    const client = new GoogleAdsClient({
      fetch,
      accessToken: async () => ACCESS_TOKEN,
      customerId: '1234567890',
      baseUrl: BASE,
      quota: new OperationsQuota(clock, 10),
      sleep: async () => {},
    });
    await client.search('SELECT customer.id FROM customer');
    expect(Object.keys(sent[0].headers).sort()).toEqual(['authorization', 'content-type']);
  });

  it('sends mutates with lowerCamelCase bodies: validateOnly for the dry run, MUTABLE_RESOURCE for the real one', async () => {
    const w = world();
    const { fetch, sent } = scriptedFetch(w);
    const { client } = makeClient(fetch);
    const operations = [{ update: { resourceName: 'customers/1234567890/campaigns/111', status: 'PAUSED' }, updateMask: 'status' }];
    expect(await client.mutate('campaigns', operations, { validateOnly: true })).toEqual([]);
    const results = await client.mutate('campaigns', operations);
    expect(sent.map((s) => s.url.split('/').pop())).toEqual(['campaigns:mutate', 'campaigns:mutate']);
    expect(sent[0].body).toEqual({ operations, validateOnly: true });
    expect(sent[1].body).toEqual({ operations, responseContentType: 'MUTABLE_RESOURCE' });
    expect(results[0]).toMatchObject({ resourceName: 'customers/1234567890/campaigns/111', campaign: { status: 'PAUSED' } });
  });

  it('retries a read after the retryDelay Google stated, through the injected sleep', async () => {
    const { fetch, sent } = scriptedFetch(world(), (_, i) => (i === 0 ? quotaError('12s') : i === 1 ? serverError(503) : undefined));
    const { client, slept } = makeClient(fetch);
    const rows = await client.search('SELECT customer.id FROM customer');
    expect(rows).toHaveLength(1);
    expect(sent).toHaveLength(3);
    expect(slept).toEqual([12_000, 2_000]);
  });

  it('gives up after the retries with the error Google gave', async () => {
    const { fetch, sent } = scriptedFetch(world(), () => serverError(504));
    const { client } = makeClient(fetch);
    await expect(client.search('SELECT customer.id FROM customer')).rejects.toMatchObject({ platformCode: 'TRANSIENT' });
    expect(sent).toHaveLength(3);
  });

  it('never repeats a write', async () => {
    const { fetch, sent } = scriptedFetch(world(), () => quotaError('5s'));
    const { client, slept } = makeClient(fetch);
    await expect(client.mutate('campaigns', [{ update: {}, updateMask: 'status' }])).rejects.toMatchObject({
      platformCode: 'RATE_LIMITED',
      retryAfterMs: 5_000,
    });
    expect(sent).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('stops on a spent daily quota until midnight Pacific time, without retrying or sending more', async () => {
    const { fetch, sent } = scriptedFetch(world(), () => quotaError('3600s', 'Number of operations for basic access'));
    const { client, clock, quota } = makeClient(fetch);
    const error = (await client.search('SELECT customer.id FROM customer').catch((e: unknown) => e)) as GoogleAdsApiError;
    // 17:00 UTC on 2 March is 09:00 in Los Angeles: 15 hours to the quota day's end.
    expect(error).toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: 15 * 3_600_000 });
    expect(sent).toHaveLength(1);
    expect(quota.leftToday()).toBe(0);
    await expect(client.search('SELECT customer.id FROM customer')).rejects.toThrow(/not sent/);
    expect(sent).toHaveLength(1);
    clock.advance(15 * 3_600_000);
    expect(quota.leftToday()).toBe(15_000);
  });

  it('counts each search and each mutate operation against the day, and refuses beyond it without sending', async () => {
    const { fetch, sent } = scriptedFetch(world());
    const { client, quota } = makeClient(fetch, 4);
    await client.search('SELECT customer.id FROM customer');
    await client.mutate('campaigns', [{ update: { resourceName: 'customers/1234567890/campaigns/111', status: 'PAUSED' }, updateMask: 'status' }], {
      validateOnly: true,
    });
    expect(quota.leftToday()).toBe(2);
    const ops = [1, 2, 3].map(() => ({ update: { resourceName: 'customers/1234567890/campaigns/111', status: 'PAUSED' }, updateMask: 'status' }));
    const refused = (await client.mutate('campaigns', ops).catch((e: unknown) => e)) as PlatformError;
    expect(refused).toBeInstanceOf(PlatformError);
    expect(refused.platformCode).toBe('RATE_LIMITED');
    expect(refused.message).toMatch(/needs 3 of the 4 Google Ads operations a day allowed, and 2 are left until midnight Pacific time/);
    expect(sent).toHaveLength(2);
  });

  it('says reconnect when the access token cannot be refreshed (invalid_grant)', async () => {
    const { fetch, sent } = scriptedFetch(world());
    const client = new GoogleAdsClient({
      fetch,
      accessToken: async () => {
        throw new Error('invalid_grant: Token has been expired or revoked.');
      },
      customerId: '1234567890',
      quota: new OperationsQuota(new ManualClock(0), 10),
      sleep: async () => {},
    });
    await expect(client.search('SELECT customer.id FROM customer')).rejects.toMatchObject({
      platformCode: 'AUTH_EXPIRED',
      message: expect.stringMatching(/reconnect/),
    });
    expect(sent).toHaveLength(0);
  });

  it('maps 401 to AUTH_EXPIRED', async () => {
    const { fetch } = scriptedFetch(world(), () => failure(401, 'UNAUTHENTICATED', 'authenticationError', 'OAUTH_TOKEN_INVALID', 'Invalid token.'));
    const { client } = makeClient(fetch);
    await expect(client.search('SELECT customer.id FROM customer')).rejects.toMatchObject({ platformCode: 'AUTH_EXPIRED' });
  });

  it('keeps the access token and the developer token out of every message and log line', async () => {
    const log: string[] = [];
    const echo = (s: Sent) =>
      failure(
        400,
        'INVALID_ARGUMENT',
        'requestError',
        'INVALID_INPUT',
        `bad header ${s.headers.authorization} and developer token ${s.headers['developer-token']}`,
      );
    const lost = new Error('fetch failed', { cause: new Error(`socket hang up sending Bearer ${ACCESS_TOKEN}`) });
    for (const script of [echo, () => lost]) {
      const { fetch } = scriptedFetch(world(), script);
      const { client } = makeClient(fetch, 100, { log });
      const error = (await client.mutate('campaigns', [{ update: {}, updateMask: 'status' }]).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(GoogleAdsApiError);
      for (const text of [error.message, ...log, JSON.stringify(error)]) {
        expect(text).not.toContain(ACCESS_TOKEN);
        expect(text).not.toContain(DEVELOPER_TOKEN);
      }
    }
    expect(log.join('\n')).toContain('[redacted]');
  });

  it('refuses a customer id that is not ten digits', () => {
    const { fetch } = scriptedFetch(world());
    expect(
      () =>
        new GoogleAdsClient({
          fetch,
          accessToken: async () => 'x',
          customerId: '12/../3',
          quota: new OperationsQuota(new ManualClock(0), 1),
          sleep: async () => {},
        }),
    ).toThrow(/not a Google Ads customer id/);
  });
});
