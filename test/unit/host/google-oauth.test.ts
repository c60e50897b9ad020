import { describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/time';
import { PlatformError } from '@shared/platform/adapter';
import { Secret } from '@host/credentials/secret';
import { authorizationServerOf, fakeGoogleOAuthEndpoints, GOOGLE_OAUTH_ENDPOINTS, isLoopbackOnly } from '@host/google-oauth/endpoints';
import { GoogleAccessTokens } from '@host/google-oauth/access-token-source';
import { LoopbackRedirect } from '@host/google-oauth/loopback-redirect';
import type { OAuthFetch } from '@host/google-oauth/token-endpoint';

const client = { clientId: 'unit.apps.googleusercontent.com', clientSecret: new Secret('unit-client-secret') };

/** A token endpoint that answers from a script, one answer per request, and counts them. */
function scripted(...answers: { status: number; body: unknown }[]) {
  const asked: URLSearchParams[] = [];
  const fetch: OAuthFetch = async (_url, init) => {
    asked.push(new URLSearchParams(init.body as URLSearchParams));
    const { status, body } = answers.shift() ?? { status: 500, body: { error: 'internal_failure' } };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, asked };
}

const granted = (accessToken: string, expiresIn?: number) => ({
  status: 200,
  body: { access_token: accessToken, token_type: 'Bearer', scope: 'x', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) },
});

function source(fetch: OAuthFetch, clock: ManualClock, refreshAheadMs?: number) {
  return new GoogleAccessTokens({ client, endpoints: GOOGLE_OAUTH_ENDPOINTS, fetch, refreshToken: new Secret('made-up-unit-refresh'), clock, refreshAheadMs });
}

describe("Google's OAuth endpoints", () => {
  it("are Google's by default, over https only; plain http only reaches this machine", () => {
    expect(isLoopbackOnly(GOOGLE_OAUTH_ENDPOINTS)).toBe(false);
    expect(isLoopbackOnly(fakeGoogleOAuthEndpoints('http://127.0.0.1:4000'))).toBe(true);
    expect(isLoopbackOnly(fakeGoogleOAuthEndpoints('http://localhost:4000'))).toBe(true);
    expect(() => isLoopbackOnly({ ...GOOGLE_OAUTH_ENDPOINTS, token: 'http://oauth2.googleapis.com/token' })).toThrow(/must use https/);
    expect(() => authorizationServerOf({ ...GOOGLE_OAUTH_ENDPOINTS, revoke: 'not a url' })).toThrow(/not a URL/);
    expect(fakeGoogleOAuthEndpoints('http://127.0.0.1:4000')).toEqual({
      authorization: 'http://127.0.0.1:4000/o/oauth2/v2/auth',
      token: 'http://127.0.0.1:4000/token',
      revoke: 'http://127.0.0.1:4000/revoke',
    });
  });
});

describe('the access token source', () => {
  it('sends the refresh token with the client id and secret, client_secret_post', async () => {
    const script = scripted(granted('made-up-access-one', 3600));
    expect((await source(script.fetch, new ManualClock(0)).accessToken()).reveal()).toBe('made-up-access-one');
    expect(Object.fromEntries(script.asked[0])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'made-up-unit-refresh',
      client_id: client.clientId,
      client_secret: 'unit-client-secret',
    });
  });

  it('replaces a short-lived token halfway through its life rather than after it', async () => {
    const clock = new ManualClock(0);
    const script = scripted(granted('made-up-access-one', 120), granted('made-up-access-two', 120));
    const tokens = source(script.fetch, clock);
    await tokens.accessToken();
    clock.advance(59_999);
    expect((await tokens.accessToken()).reveal()).toBe('made-up-access-one');
    clock.advance(1);
    expect((await tokens.accessToken()).reveal()).toBe('made-up-access-two');
  });

  it('asks again at every call when Google does not say how long a token lasts', async () => {
    const script = scripted(granted('made-up-access-one'), granted('made-up-access-two'));
    const tokens = source(script.fetch, new ManualClock(0));
    expect((await tokens.accessToken()).reveal()).toBe('made-up-access-one');
    expect((await tokens.accessToken()).reveal()).toBe('made-up-access-two');
  });

  it('lets a passing failure of Google be tried again, and says it as TRANSIENT', async () => {
    const script = scripted({ status: 503, body: { error: 'temporarily_unavailable' } }, granted('made-up-access-one', 3600));
    const tokens = source(script.fetch, new ManualClock(0));
    const error = await tokens.accessToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platformCode).toBe('TRANSIENT');
    expect((await tokens.accessToken()).reveal()).toBe('made-up-access-one');
  });

  it('says an answer that is not OAuth as TRANSIENT, without its body', async () => {
    const fetch: OAuthFetch = async () => new Response('<html>made-up-unit-refresh</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const error = (await source(fetch, new ManualClock(0))
      .accessToken()
      .catch((caught: unknown) => caught)) as PlatformError;
    expect(error.platformCode).toBe('TRANSIENT');
    expect(error.message).toMatch(/oauth2\.googleapis\.com could not be used/);
    expect(error.message).not.toContain('made-up-unit-refresh');
  });
});

describe('the loopback redirect', () => {
  it('listens on 127.0.0.1 at a random port, ignores other paths, takes one answer', async () => {
    const loopback = await LoopbackRedirect.open();
    try {
      expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acm\/google-oauth$/);
      const received = loopback.receive((params) => params.get('code'), new AbortController().signal);
      expect((await fetch(new URL('/favicon.ico', loopback.redirectUri))).status).toBe(404);
      expect((await fetch(`${loopback.redirectUri}?code=abc&state=s`)).status).toBe(200);
      expect(await received).toBe('abc');
      expect((await fetch(`${loopback.redirectUri}?code=again&state=s`)).status).toBe(410);
    } finally {
      loopback.close();
    }
  });

  it('ends with nothing when its signal aborts', async () => {
    const loopback = await LoopbackRedirect.open();
    const cancel = new AbortController();
    try {
      const received = loopback.receive(() => 'never', cancel.signal);
      cancel.abort();
      await expect(received).rejects.toThrow(/cancelled or took too long/);
    } finally {
      loopback.close();
    }
  });
});
