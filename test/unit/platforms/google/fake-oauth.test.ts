import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ADWORDS_SCOPE, FAKE_GOOGLE_CLIENT_ID, FAKE_GOOGLE_CLIENT_SECRET, FakeGoogleOAuth } from '@platforms/google/fake/fake-oauth';
import { s256 } from '@platforms/google/fake/fake-oauth-grants';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const REDIRECT = 'http://127.0.0.1:53682/callback';

/** The fake's OAuth side behind a bare server, answering 404 to what it does not serve. */
async function serve(options: { lifetime?: number } = {}) {
  let now = Date.UTC(2026, 0, 5, 9);
  const oauth = new FakeGoogleOAuth({ now: () => now, accessTokenLifetimeSeconds: options.lifetime });
  const handled: Promise<boolean>[] = [];
  const server = createServer((req, res) => {
    const serving = oauth.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'));
    handled.push(serving);
    void serving.then((served) => {
      if (!served) res.writeHead(404).end('not OAuth');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const advance = (ms: number) => (now += ms);
  return { oauth, origin, advance, handled };
}

function consentQuery(verifier: string, changes: Record<string, string | null> = {}): URLSearchParams {
  const query = new URLSearchParams({
    client_id: FAKE_GOOGLE_CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: `openid ${ADWORDS_SCOPE}`,
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
    state: 'state-123',
  });
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) query.delete(key);
    else query.set(key, value);
  }
  return query;
}

async function consent(origin: string, query: URLSearchParams) {
  const answer = await fetch(`${origin}/o/oauth2/v2/auth?${query}`, { redirect: 'manual' });
  const location = answer.headers.get('location');
  return { status: answer.status, location: location === null ? undefined : new URL(location), text: await answer.text() };
}

async function token(origin: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const answer = await fetch(`${origin}/token`, { method: 'POST', body: new URLSearchParams(form), headers });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

const secretPost = { client_id: FAKE_GOOGLE_CLIENT_ID, client_secret: FAKE_GOOGLE_CLIENT_SECRET };
const verifierOf = () => randomBytes(32).toString('base64url');

/** A code from the consent page and its verifier. */
async function codeFor(origin: string) {
  const verifier = verifierOf();
  const { location } = await consent(origin, consentQuery(verifier));
  return { verifier, code: location?.searchParams.get('code') ?? '' };
}

async function exchange(origin: string) {
  const { code, verifier } = await codeFor(origin);
  return token(origin, { ...secretPost, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT });
}

describe("the Google fake's OAuth endpoints", () => {
  it('consents at once, sending the browser back to the loopback address with a code and the state', async () => {
    const { origin } = await serve();
    const { status, location } = await consent(origin, consentQuery(verifierOf()));
    expect(status).toBe(302);
    expect(location?.origin + (location?.pathname ?? '')).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('state-123');
    expect(location?.searchParams.get('code')).toMatch(/^4\/0A/);
  });

  it('shows its own error page for an unknown client or a redirect that is not loopback, and sends other errors back', async () => {
    const { origin } = await serve();
    const verifier = verifierOf();
    expect(await consent(origin, consentQuery(verifier, { client_id: 'someone-else.apps.googleusercontent.com' }))).toMatchObject({
      status: 401,
      location: undefined,
    });
    for (const redirect of ['https://example.com/callback', 'http://localhost:5000/cb', 'http://127.0.0.1/cb', 'http://10.0.0.1:5000/cb']) {
      expect(await consent(origin, consentQuery(verifier, { redirect_uri: redirect }))).toMatchObject({ status: 400, location: undefined });
    }
    const errors: Record<string, Record<string, string | null>> = {
      unsupported_response_type: { response_type: 'token' },
      invalid_request: { code_challenge_method: 'plain' },
      invalid_scope: { scope: 'openid email' },
    };
    for (const [error, changes] of Object.entries(errors)) {
      const { status, location } = await consent(origin, consentQuery(verifier, changes));
      expect(status).toBe(302);
      expect(location?.searchParams.get('error')).toBe(error);
      expect(location?.searchParams.get('state')).toBe('state-123');
      expect(location?.searchParams.has('code')).toBe(false);
    }
    expect((await consent(origin, consentQuery(verifier, { code_challenge: null }))).location?.searchParams.get('error')).toBe('invalid_request');
  });

  it("exchanges a code with its verifier for tokens in Google's shape, once", async () => {
    const { origin, oauth } = await serve();
    const { code, verifier } = await codeFor(origin);
    const form = { ...secretPost, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT };
    const first = await token(origin, form);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^1\/\//),
      scope: `openid ${ADWORDS_SCOPE}`,
      token_type: 'Bearer',
    });
    expect(oauth.acceptsAccessToken(first.body.access_token as string)).toBe(true);
    expect(await token(origin, form)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' } });
  });

  it('refuses a wrong verifier, a wrong redirect, a wrong secret and a missing one', async () => {
    const { origin } = await serve();
    const attempt = async (changes: Record<string, string>, headers: Record<string, string> = {}) => {
      const { code, verifier } = await codeFor(origin);
      const form = { ...secretPost, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, ...changes };
      return token(origin, form, headers);
    };
    expect(await attempt({ code_verifier: verifierOf() })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await attempt({ redirect_uri: 'http://127.0.0.1:1/other' })).toMatchObject({ status: 400, body: { error: 'redirect_uri_mismatch' } });
    expect(await attempt({ client_secret: 'not-the-secret' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const { code, verifier } = await codeFor(origin);
    const noSecret = await token(origin, {
      client_id: FAKE_GOOGLE_CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(noSecret).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'client_secret is missing.' } });
  });

  it('takes the client in Basic authorization too', async () => {
    const { origin } = await serve();
    const { code, verifier } = await codeFor(origin);
    const basic = Buffer.from(`${encodeURIComponent(FAKE_GOOGLE_CLIENT_ID)}:${encodeURIComponent(FAKE_GOOGLE_CLIENT_SECRET)}`).toString('base64');
    const answer = await token(
      origin,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT },
      { authorization: `Basic ${basic}` },
    );
    expect(answer.status).toBe(200);
  });

  it('refreshes without a new refresh token; access tokens expire on its clock', async () => {
    const { origin, oauth, advance } = await serve({ lifetime: 600 });
    const first = (await exchange(origin)).body;
    const refreshed = await token(origin, { ...secretPost, grant_type: 'refresh_token', refresh_token: first.refresh_token as string });
    expect(refreshed.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 600, scope: first.scope, token_type: 'Bearer' });
    advance(600_000 - 1);
    expect(oauth.acceptsAccessToken(refreshed.body.access_token as string)).toBe(true);
    advance(1);
    expect(oauth.acceptsAccessToken(refreshed.body.access_token as string)).toBe(false);
    expect(oauth.acceptsAccessToken('made-up-never-issued')).toBe(false);
  });

  it('refuses a revoked refresh token with invalid_grant and drops its access tokens', async () => {
    const { origin, oauth } = await serve();
    const one = (await exchange(origin)).body;
    const other = (await exchange(origin)).body;
    expect(oauth.revokeRefreshToken(one.refresh_token as string)).toBe(true);
    expect(oauth.revokeRefreshToken(one.refresh_token as string)).toBe(false);
    expect(await token(origin, { ...secretPost, grant_type: 'refresh_token', refresh_token: one.refresh_token as string })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect(oauth.acceptsAccessToken(one.access_token as string)).toBe(false);
    expect(oauth.acceptsAccessToken(other.access_token as string)).toBe(true);
    oauth.revokeAll();
    expect(oauth.acceptsAccessToken(other.access_token as string)).toBe(false);
    expect((await token(origin, { ...secretPost, grant_type: 'refresh_token', refresh_token: 'unknown' })).status).toBe(400);
  });

  it('revokes through /revoke with either token, as Google does', async () => {
    const { origin, oauth } = await serve();
    const tokens = (await exchange(origin)).body;
    const revoke = (value: string) => fetch(`${origin}/revoke`, { method: 'POST', body: new URLSearchParams({ token: value }) });
    expect((await revoke(tokens.access_token as string)).status).toBe(200);
    expect((await token(origin, { ...secretPost, grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string })).status).toBe(400);
    const answer = await revoke(tokens.refresh_token as string);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'invalid_token', error_description: 'Token expired or revoked' });
    expect(oauth.acceptsAccessToken(tokens.access_token as string)).toBe(false);
  });

  it('leaves other paths to the server, and answers only the methods of its own', async () => {
    const { origin } = await serve();
    expect((await fetch(`${origin}/v25/customers:listAccessibleCustomers`)).status).toBe(404);
    expect((await fetch(`${origin}/token`)).status).toBe(405);
    expect((await token(origin, { ...secretPost, grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
  });

  it('drops a request whose client goes away mid-body, without rejecting', async () => {
    const { origin, handled } = await serve();
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write('POST /token HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 100\r\n\r\ngrant_type=');
    await expect.poll(() => handled.length).toBe(1);
    socket.destroy();
    await expect(handled[0]).resolves.toBe(true);
  });
});
