import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeOAuthError, FakeOAuthGrants, type IssuedTokens } from './fake-oauth-grants';

/**
 * The OAuth client the fake knows unless told another: documented test values, so that a demo
 * and the tests connect without a real Google Cloud project. They open nothing but the fake.
 */
export const FAKE_GOOGLE_CLIENT_ID = 'acm-fake-google-client.apps.googleusercontent.com';
export const FAKE_GOOGLE_CLIENT_SECRET = 'acm-fake-google-client-secret';

/** The scope the Google Ads API asks for; the consent page refuses a request without it. */
export const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';

/** The paths of Google's endpoints, so that an adapter pointed at the fake's origin finds them where it would at Google's. */
export const FAKE_OAUTH_PATHS = { authorization: '/o/oauth2/v2/auth', token: '/token', revoke: '/revoke' } as const;

export interface FakeGoogleOAuthOptions {
  /** Epoch milliseconds: the world's clock, so that a test can let access tokens expire. */
  now: () => number;
  /** Default 3600, Google's. */
  accessTokenLifetimeSeconds?: number;
  clientId?: string;
  clientSecret?: string;
}

const MAX_BODY = 64 * 1024;

/**
 * Google's OAuth 2.0 endpoints for installed apps, as far as the desktop flow uses them: a
 * consent page that consents at once (it checks what Google checks: the client, `code`, PKCE
 * S256, the Ads scope, a loopback redirect), the token endpoint (code with its verifier, refresh
 * token) and revocation. The fake's HTTP server offers every request to `handle` first and asks
 * `acceptsAccessToken` about each Bearer token.
 */
export class FakeGoogleOAuth {
  readonly clientId: string;
  private readonly clientSecret: string;
  private readonly grants: FakeOAuthGrants;

  constructor(options: FakeGoogleOAuthOptions) {
    const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
    if (!(lifetime > 0)) throw new Error(`accessTokenLifetimeSeconds must be positive, got ${lifetime}`);
    this.clientId = options.clientId ?? FAKE_GOOGLE_CLIENT_ID;
    this.clientSecret = options.clientSecret ?? FAKE_GOOGLE_CLIENT_SECRET;
    this.grants = new FakeOAuthGrants(options.now, lifetime);
  }

  /**
   * True when the request was one of the OAuth endpoints' and has been answered; false leaves it to
   * the caller. It never rejects: a request that breaks off while its body is read (a client gone)
   * loses its connection, so that a caller's `void handle(…)` cannot end the process.
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const serve = this.routeOf(req, res, url);
    if (serve === undefined) return false;
    try {
      await serve();
    } catch (error) {
      if (error instanceof FakeOAuthError) send(res, error.status, { error: error.error, error_description: error.description });
      else res.destroy();
    }
    return true;
  }

  /** Whether a Bearer token is one the token endpoint issued, not yet expired nor revoked. */
  acceptsAccessToken(token: string): boolean {
    return this.grants.acceptsAccessToken(token);
  }

  /** As if the user removed the app's access in their Google account: the next refresh gets `invalid_grant`. */
  revokeRefreshToken(token: string): boolean {
    return this.grants.revokeRefreshToken(token);
  }

  revokeAll(): void {
    this.grants.revokeAll();
  }

  private consent(query: URLSearchParams, res: ServerResponse): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    // Without a known client and a loopback redirect there is nowhere safe to send an error: Google shows it on its own page.
    if (query.get('client_id') !== this.clientId) return sendPage(res, 401, 'Error 401: invalid_client. The OAuth client was not found.');
    if (!isLoopback(redirectUri)) return sendPage(res, 400, 'Error 400: invalid_request. redirect_uri must be a loopback address http://127.0.0.1:PORT/.');
    const back = (params: Record<string, string>) => {
      const target = new URL(redirectUri);
      for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
      const state = query.get('state');
      if (state !== null) target.searchParams.set('state', state);
      res.writeHead(302, { location: target.href, 'content-length': '0' });
      res.end();
    };
    const scope = query.get('scope') ?? '';
    const challenge = query.get('code_challenge') ?? '';
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    if (query.get('code_challenge_method') !== 'S256') return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return back({ error: 'invalid_request', error_description: 'code_challenge is missing or malformed' });
    if (!scope.split(' ').includes(ADWORDS_SCOPE)) return back({ error: 'invalid_scope', error_description: `scope must include ${ADWORDS_SCOPE}` });
    back({ code: this.grants.issueCode({ clientId: this.clientId, redirectUri, scope, codeChallenge: challenge }), scope });
  }

  private token(form: URLSearchParams, authorization: string | undefined): IssuedTokens {
    const clientId = this.authenticate(form, authorization);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      return this.grants.exchangeCode(required(form, 'code'), clientId, required(form, 'redirect_uri'), required(form, 'code_verifier'));
    }
    if (grantType === 'refresh_token') return this.grants.refresh(required(form, 'refresh_token'), clientId);
    throw new FakeOAuthError('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private revoke(form: URLSearchParams, query: URLSearchParams): unknown {
    // Google takes the token in the query string as well as in the body.
    const token = form.get('token') ?? query.get('token');
    if (token === null || !this.grants.revoke(token)) throw new FakeOAuthError('invalid_token', 'Token expired or revoked');
    return {};
  }

  /** The client's id, once its secret has been checked: in the form (client_secret_post) or in Basic authorization. */
  private authenticate(form: URLSearchParams, authorization: string | undefined): string {
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = authorization ? /^Basic\s+(\S+)$/i.exec(authorization) : null;
    if (basic) {
      const [user, password] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
      id = user;
      secret = password ?? null;
    }
    if (id === null) throw new FakeOAuthError('invalid_request', 'Could not determine client ID from request.');
    if (id !== this.clientId) throw new FakeOAuthError('invalid_client', 'The OAuth client was not found.', 401);
    if (secret === null) throw new FakeOAuthError('invalid_request', 'client_secret is missing.');
    if (secret !== this.clientSecret) throw new FakeOAuthError('invalid_client', 'Unauthorized', 401);
    return id;
  }

  private routeOf(req: IncomingMessage, res: ServerResponse, url: URL): (() => Promise<void>) | undefined {
    const allow = (method: string) => {
      if (req.method !== method) throw new FakeOAuthError('invalid_request', `${req.method ?? 'GET'} is not allowed here`, 405);
    };
    switch (url.pathname) {
      case FAKE_OAUTH_PATHS.authorization:
        return async () => {
          await drain(req);
          allow('GET');
          this.consent(url.searchParams, res);
        };
      case FAKE_OAUTH_PATHS.token:
        return async () => {
          const form = await readForm(req);
          allow('POST');
          send(res, 200, tokenAnswer(this.token(form, req.headers.authorization)));
        };
      case FAKE_OAUTH_PATHS.revoke:
        return async () => {
          const form = await readForm(req);
          allow('POST');
          send(res, 200, this.revoke(form, url.searchParams));
        };
      default:
        return undefined;
    }
  }
}

function tokenAnswer(issued: IssuedTokens): Record<string, unknown> {
  const answer: Record<string, unknown> = { access_token: issued.accessToken, expires_in: issued.expiresIn, scope: issued.scope, token_type: 'Bearer' };
  if (issued.refreshToken !== undefined) answer.refresh_token = issued.refreshToken;
  return answer;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw new FakeOAuthError('invalid_request', `Missing required parameter: ${name}`);
  return value;
}

/** Installed apps redirect to 127.0.0.1 on a port of their choosing: any path, no other host, never https. */
function isLoopback(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && url.hash === '';
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new FakeOAuthError('invalid_request', 'The request body is too large', 413);
    chunks.push(chunk as Buffer);
  }
  const type = req.headers['content-type'] ?? '';
  const text = Buffer.concat(chunks).toString('utf8');
  if (text !== '' && !type.includes('application/x-www-form-urlencoded')) {
    throw new FakeOAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(text);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const chunk of req) void chunk;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
    pragma: 'no-cache',
  });
  res.end(text);
}

function sendPage(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
