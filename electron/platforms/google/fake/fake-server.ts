import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GOOGLE_ADS_VERSION } from '../api-version';
import { FakeGoogleCustomer, type FakeGoogleCustomerOptions } from './fake-customer';
import { adsError, FakeGoogleAdsError, notFound } from './fake-errors';
import { FakeGoogleFaults, faultError } from './fake-faults';
import { FakeGoogleOAuth } from './fake-oauth';
import { route, type RouteAccess } from './fake-routes';

export interface FakeGoogleServerOptions extends FakeGoogleCustomerOptions {
  /** An access token the fake accepts beside its OAuth endpoint's (ACM_GOOGLE_ACCESS_TOKEN, or the documented test token). */
  token: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Rows per page of `googleAds:search` (Google's fixed 10,000); smaller in tests to see paging. */
  searchPageSize?: number;
  /** One line per request: method, path, status (never the token). */
  log?: (line: string) => void;
  /** Keep every request in `requests`, for tests (default); off for a long run nobody inspects. */
  keepRequests?: boolean;
}

/** Where the in-process fake answers: a reserved name, so that no request meant for it can reach a network. */
const IN_PROCESS_ORIGIN = 'http://googleads.fake-google.invalid';
const MAX_BODY = 1 << 20;

type Answer = { status: number; headers: Record<string, string>; text: string } | 'dropped';

/** A request as the fake saw it, for tests: never its token. */
export interface FakeGoogleRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  loginCustomerId?: string;
  developerToken?: string;
  status: number;
}

interface RequestHeaders {
  authorization?: string;
  loginCustomerId?: string;
  developerToken?: string;
}

/**
 * A local stand-in for the Google Ads API (`acm fake-platform google`): the REST routes the
 * adapter uses, served on 127.0.0.1 from a sandbox world, in Google's JSON shapes and error
 * envelope, with the OAuth endpoints of FakeGoogleOAuth beside them and faults on demand.
 */
export class FakeGoogleAdsServer {
  readonly customer: FakeGoogleCustomer;
  readonly faults: FakeGoogleFaults;
  readonly oauth: FakeGoogleOAuth;
  readonly requests: FakeGoogleRequest[] = [];
  private requestCount = 0;

  private constructor(
    private readonly server: Server | undefined,
    private readonly options: FakeGoogleServerOptions,
  ) {
    this.customer = new FakeGoogleCustomer(options);
    this.faults = new FakeGoogleFaults(() => options.clock.now());
    this.oauth = new FakeGoogleOAuth({ now: () => options.clock.now() });
  }

  static async start(options: FakeGoogleServerOptions): Promise<FakeGoogleAdsServer> {
    const server = createServer();
    const fake = new FakeGoogleAdsServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** The same fake without a socket (and without the OAuth pages, which need one): `fetch` answers in the process. */
  static inProcess(options: FakeGoogleServerOptions): FakeGoogleAdsServer {
    return new FakeGoogleAdsServer(undefined, options);
  }

  /** The origin to point a client at: http://127.0.0.1:PORT, or the in-process fake's own. */
  get url(): string {
    return this.server ? `http://127.0.0.1:${(this.server.address() as AddressInfo).port}` : IN_PROCESS_ORIGIN;
  }

  /** A `fetch` for the in-process fake: a dropped answer fails as Node's fetch fails on a closed connection. */
  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== this.url) throw new TypeError('fetch failed', { cause: new Error(`the fake answers only ${this.url}, not ${url.origin}`) });
    const headers: RequestHeaders = {
      authorization: request.headers.get('authorization') ?? undefined,
      loginCustomerId: request.headers.get('login-customer-id') ?? undefined,
      developerToken: request.headers.get('developer-token') ?? undefined,
    };
    const answer = await this.serve(request.method, url, headers, async () => parseBody(await request.text()));
    if (answer === 'dropped') throw new TypeError('fetch failed', { cause: new Error('other side closed') });
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  };

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (await this.oauth.handle(req, res, url)) return;
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const headers: RequestHeaders = {
      authorization: header('authorization'),
      loginCustomerId: header('login-customer-id'),
      developerToken: header('developer-token'),
    };
    const answer = await this.serve(req.method ?? 'GET', url, headers, async () => parseBody(await readBody(req)));
    if (answer === 'dropped') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.text);
  }

  /** One request, whatever carried it: Google's answer, or 'dropped' when a fault loses it after the work is done. */
  private async serve(method: string, url: URL, headers: RequestHeaders, body: () => Promise<Record<string, unknown>>): Promise<Answer> {
    const [version, ...segments] = url.pathname.split('/').filter(Boolean);
    const path = segments.join('/');
    const requestId = this.nextRequestId();
    const record: FakeGoogleRequest = { method, path, body: {}, status: 200 };
    if (headers.loginCustomerId !== undefined) record.loginCustomerId = headers.loginCustomerId;
    if (headers.developerToken !== undefined) record.developerToken = headers.developerToken;
    if (this.options.keepRequests !== false) this.requests.push(record);
    try {
      record.body = method === 'POST' ? await body() : {};
      if (version !== GOOGLE_ADS_VERSION) throw notFound(method, url.pathname);
      this.checkToken(headers.authorization);
      const access: RouteAccess = { loginCustomerId: headers.loginCustomerId };
      const validateOnly = record.body.validateOnly === true;
      const fault = this.faults.take({ method, path, validateOnly });
      if (fault && fault.kind !== 'lost_answer') throw faultError(fault, this.options.clock.now());
      this.customer.catchUp();
      const answer = route(method, path, record.body, {
        customer: this.customer,
        access,
        requestId,
        searchPageSize: this.options.searchPageSize ?? 10_000,
      });
      if (fault?.kind === 'lost_answer') {
        record.status = 0;
        return 'dropped';
      }
      return this.answer(200, answer, requestId);
    } catch (error) {
      const refusal =
        error instanceof FakeGoogleAdsError ? error : adsError(500, 'internalError', 'INTERNAL_ERROR', `Internal error (${(error as Error).message}).`);
      record.status = refusal.httpStatus;
      return this.answer(refusal.httpStatus, refusal.body(requestId), requestId);
    } finally {
      this.options.log?.(`fake google: ${method} ${url.pathname} → ${record.status === 0 ? 'answer dropped' : record.status}`);
    }
  }

  private checkToken(authorization: string | undefined): void {
    const token = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    if (token === undefined) {
      throw adsError(
        401,
        'authenticationError',
        'OAUTH_TOKEN_HEADER_INVALID',
        'Request is missing required authentication credential: an OAuth 2 access token.',
      );
    }
    if (token !== this.options.token && !this.oauth.acceptsAccessToken(token)) {
      throw adsError(401, 'authenticationError', 'OAUTH_TOKEN_INVALID', 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
    }
  }

  private answer(status: number, body: unknown, requestId: string): Answer {
    const text = JSON.stringify(body);
    return {
      status,
      text,
      headers: { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), 'request-id': requestId },
    };
  }

  private nextRequestId(): string {
    return `acmFake${(++this.requestCount).toString(36).padStart(15, '0')}`;
  }
}

/** A POST body's text, refused past MAX_BODY bytes. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) throw adsError(400, 'requestError', 'UNKNOWN', 'The request body is too large.');
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body (Google's REST takes JSON only); an empty one is an empty request. */
function parseBody(text: string): Record<string, unknown> {
  if (Buffer.byteLength(text) > MAX_BODY) throw adsError(400, 'requestError', 'UNKNOWN', 'The request body is too large.');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the refusal below.
  }
  throw new FakeGoogleAdsError(400, [], 'Invalid JSON payload received: the body must be a JSON object.');
}
