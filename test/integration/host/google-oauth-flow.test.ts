import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ADWORDS_SCOPE, FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { PlatformError } from '@shared/platform/adapter';
import { AcmError } from '@shared/errors';
import { Secret } from '@host/credentials/secret';
import { connectGoogle } from '@host/google-oauth/connect-google';
import { GoogleAccessTokens } from '@host/google-oauth/access-token-source';
import { GoogleTokenEndpoint } from '@host/google-oauth/token-endpoint';
import { browser, fakeOAuthBed, PROBE_PATH, type FakeOAuthBed } from './google-oauth-fixture';

const beds: FakeOAuthBed[] = [];
afterEach(async () => {
  await Promise.all(beds.splice(0).map((bed) => bed.close()));
});

async function bed(lifetimeSeconds?: number) {
  const made = await fakeOAuthBed(lifetimeSeconds);
  beds.push(made);
  return made;
}

const MINUTE = 60_000;

async function probe(made: FakeOAuthBed, token: Secret): Promise<number> {
  return (await fetch(new URL(PROBE_PATH, made.origin), { headers: { authorization: `Bearer ${token.reveal()}` } })).status;
}

/** Everything an error could show of itself: message, string form, inspection (with its cause), JSON. */
function shown(error: unknown): string {
  return [String(error), inspect(error, { depth: 5 }), JSON.stringify(error)].join('\n');
}

async function refusalOf(call: Promise<unknown>): Promise<Error> {
  const outcome = await call.then(
    () => undefined,
    (error: Error) => error,
  );
  if (outcome === undefined) throw new Error('expected a refusal');
  return outcome;
}

describe('Connect Google Ads account: OAuth for installed apps against the fake', () => {
  it('goes through the system browser and a loopback redirect with PKCE, and hands back a refresh token that gets access tokens', async () => {
    const made = await bed();
    const { openExternal, pages } = browser();
    let opened = '';
    const connection = await connectGoogle({
      ...made.app,
      openExternal: (url) => {
        opened = url;
        return openExternal(url);
      },
    });
    const consent = new URL(opened);
    expect(consent.origin + consent.pathname).toBe(made.app.endpoints.authorization);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({
      client_id: made.app.client.clientId,
      response_type: 'code',
      scope: ADWORDS_SCOPE,
      code_challenge_method: 'S256',
    });
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(consent.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(pages).toEqual([{ status: 200, text: expect.stringContaining('go back to Agentic Campaign Manager') }]);
    expect(connection.scopes).toContain(ADWORDS_SCOPE);
    expect(made.sent).toEqual(['POST /token']);

    const tokens = new GoogleAccessTokens({ ...made.app, refreshToken: connection.refreshToken, clock: made.clock });
    expect(await probe(made, await tokens.accessToken())).toBe(200);
    // The loopback server is gone with the sign-in.
    const redirectUri = consent.searchParams.get('redirect_uri') ?? '';
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('refuses a redirect whose state is not the one it sent: nothing is exchanged, the browser is told', async () => {
    const made = await bed();
    const { openExternal, pages, finished } = browser((location) => {
      location.searchParams.set('state', 'a-state-from-someone-else-0123456789');
      return location;
    });
    const error = await refusalOf(connectGoogle({ ...made.app, openExternal }));
    await finished();
    expect(error).toBeInstanceOf(AcmError);
    expect((error as AcmError).code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/does not belong to this sign-in.*nothing was connected/);
    expect(made.sent).toEqual([]);
    expect(pages).toEqual([{ status: 400, text: expect.stringContaining('not completed') }]);
  });

  it('says so when the operator declines at the consent page', async () => {
    const made = await bed();
    const { openExternal } = browser((location) => {
      const declined = new URL(location.origin + location.pathname);
      declined.searchParams.set('error', 'access_denied');
      declined.searchParams.set('state', location.searchParams.get('state') ?? '');
      return declined;
    });
    const error = await refusalOf(connectGoogle({ ...made.app, openExternal }));
    expect(error.message).toMatch(/access was not granted/);
    expect(made.sent).toEqual([]);
  });

  it('stops waiting for the browser when cancelled', async () => {
    const made = await bed();
    const cancel = new AbortController();
    const error = await refusalOf(connectGoogle({ ...made.app, openExternal: async () => cancel.abort(), signal: cancel.signal }));
    expect(error.message).toMatch(/cancelled/);
  });

  it('refreshes the access token shortly before it expires, once for every caller waiting, and never after', async () => {
    const made = await bed();
    const { refreshToken } = await connectGoogle({ ...made.app, ...browser() });
    const tokens = new GoogleAccessTokens({ ...made.app, refreshToken, clock: made.clock });
    const [first, again, third] = await Promise.all([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
    expect(again).toBe(first);
    expect(third).toBe(first);
    made.clock.advance(54 * MINUTE);
    expect(await tokens.accessToken()).toBe(first);
    expect(made.sent).toEqual(['POST /token', 'POST /token']);

    made.clock.advance(1 * MINUTE + 1);
    const second = await tokens.accessToken();
    expect(second.reveal()).not.toBe(first.reveal());
    expect(made.sent).toHaveLength(3);
    // Replaced while the old one still worked: no call ever carries an expired token.
    expect(await probe(made, first)).toBe(200);
    made.clock.advance(5 * MINUTE);
    expect(await probe(made, first)).toBe(401);
    expect(await probe(made, second)).toBe(200);
  });

  it('turns a refresh token revoked mid-run into the reconnect error, once, without asking Google again', async () => {
    const made = await bed();
    const { refreshToken } = await connectGoogle({ ...made.app, ...browser() });
    const tokens = new GoogleAccessTokens({ ...made.app, refreshToken, clock: made.clock });
    const first = await tokens.accessToken();
    expect(made.oauth.revokeRefreshToken(refreshToken.reveal())).toBe(true);
    expect(await probe(made, first)).toBe(401);

    tokens.invalidate();
    const error = await refusalOf(tokens.accessToken());
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platformCode).toBe('AUTH_EXPIRED');
    expect((error as PlatformError).retryable).toBe(false);
    expect(error.message).toMatch(/invalid_grant.*reconnect the Google Ads account/);
    const asked = made.sent.length;
    await expect(tokens.accessToken()).rejects.toBe(error);
    expect(made.sent).toHaveLength(asked);
  });

  it('revokes the grant at Google on disconnect, after which the refresh token is refused', async () => {
    const made = await bed();
    const { refreshToken } = await connectGoogle({ ...made.app, ...browser() });
    const endpoint = new GoogleTokenEndpoint(made.app);
    await endpoint.revoke(refreshToken);
    await endpoint.revoke(refreshToken);
    const error = await refusalOf(endpoint.refresh(refreshToken));
    expect((error as PlatformError).platformCode).toBe('AUTH_EXPIRED');
  });

  it('keeps the refresh token, the access token and the client secret out of every error and printout', async () => {
    const made = await bed();
    const connection = await connectGoogle({ ...made.app, ...browser() });
    const refreshToken = connection.refreshToken.reveal();
    const tokens = new GoogleAccessTokens({ ...made.app, refreshToken: connection.refreshToken, clock: made.clock });
    const accessToken = (await tokens.accessToken()).reveal();

    const wrongSecret = 'a-wrong-client-secret-f00dfeed';
    const errors = [
      await refusalOf(connectGoogle({ ...made.app, client: { ...made.app.client, clientSecret: new Secret(wrongSecret) }, ...browser() })),
      await refusalOf(
        new GoogleTokenEndpoint({ ...made.app, client: { ...made.app.client, clientSecret: new Secret(wrongSecret) } }).refresh(connection.refreshToken),
      ),
      await refusalOf(connectGoogle({ ...made.app, ...browser((location) => (location.searchParams.set('state', 'forged'), location)) })),
      await refusalOf(
        new GoogleTokenEndpoint({ ...made.app, endpoints: { ...made.app.endpoints, token: 'http://127.0.0.1:9/token' } }).refresh(connection.refreshToken),
      ),
    ];
    made.oauth.revokeAll();
    tokens.invalidate();
    errors.push(await refusalOf(tokens.accessToken()));

    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/invalid_client/),
      expect.stringMatching(/invalid_client.*reconnect/),
      expect.stringMatching(/does not belong to this sign-in/),
      expect.stringMatching(/could not be used/),
      expect.stringMatching(/invalid_grant/),
    ]);
    const printed = [...errors.map(shown), inspect(connection), JSON.stringify(connection), `${connection.refreshToken}`].join('\n');
    for (const secret of [refreshToken, accessToken, FAKE_GOOGLE_CLIENT_SECRET, wrongSecret]) expect(printed).not.toContain(secret);
  });
});
