import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_VERSION, isVersionAtLeast } from '../graph-version';
import { FakeAccount, type FakeAccountOptions } from './fake-account';
import { FakeGraphError } from './fake-errors';
import { FakeFaults, faultError } from './fake-faults';
import { Params } from './fake-params';
import { route } from './fake-routes';
import { FakeUsage } from './fake-usage';

export interface FakeMetaServerOptions extends FakeAccountOptions {
  /** The one token the fake accepts (ACM_META_TOKEN, or the documented test token). */
  token: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Calls an hour that make 100% of the usage header (default 5000). */
  capacityPerHour?: number;
  /**
   * The token may only read: its permissions are ads_read alone, its user's tasks on the account
   * ANALYZE alone, and every write (a validate_only dry run too) is refused with code 200.
   */
  readOnly?: boolean;
  /** One line per request: method, path, status (never the token). */
  log?: (line: string) => void;
  /** Keep every request in `requests`, for tests (default); off for a long run nobody inspects. */
  keepRequests?: boolean;
}

/** Where the in-process fake answers: a reserved name, so that no request meant for it can reach a network. */
const IN_PROCESS_ORIGIN = 'http://graph.fake-meta.invalid';

type Answer = { status: number; headers: Record<string, string>; text: string } | 'dropped';

/** A request as the fake saw it, for tests: its parameters without the token. */
export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
}

const MAX_BODY = 1 << 20;

/**
 * A local stand-in for the Graph API (`acm fake-platform meta`): the endpoints the Meta adapter
 * uses, served on 127.0.0.1 from a sandbox world, in Meta's shapes, with its error envelope, its
 * usage header, its token checks and its four-budget-changes-an-hour rule, and faults on demand.
 * It takes what the real API takes: the token in the query string or in a JSON or form body, the
 * SDK's JSON bodies that repeat the object's id, any version from v24.0 in the path.
 */
export class FakeMetaServer {
  readonly account: FakeAccount;
  readonly faults = new FakeFaults();
  readonly usage: FakeUsage;
  readonly requests: FakeRequest[] = [];
  private token: string;
  private expired = false;
  private traces = 0;

  private constructor(
    private readonly server: Server | undefined,
    private readonly options: FakeMetaServerOptions,
  ) {
    this.account = new FakeAccount(options.readOnly ? { ...options, userTasks: ['ANALYZE'] } : options);
    this.usage = new FakeUsage(options.capacityPerHour);
    this.token = options.token;
  }

  static async start(options: FakeMetaServerOptions): Promise<FakeMetaServer> {
    const server = createServer();
    const fake = new FakeMetaServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /**
   * The same fake without a socket: `fetch` answers in the process, as Node's fetch would over
   * HTTP, so that a simulation plays thousands of calls fast and deterministically.
   */
  static inProcess(options: FakeMetaServerOptions): FakeMetaServer {
    return new FakeMetaServer(undefined, options);
  }

  /** The origin to point a client at: http://127.0.0.1:PORT, or the in-process fake's own. */
  get url(): string {
    return this.server ? `http://127.0.0.1:${(this.server.address() as AddressInfo).port}` : IN_PROCESS_ORIGIN;
  }

  /** A `fetch` for the in-process fake (FetchLike): a dropped answer fails as Node's fetch fails on a closed connection. */
  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== this.url) throw new TypeError('fetch failed', { cause: new Error(`the fake answers only ${this.url}, not ${url.origin}`) });
    const answer = await this.serve(request.method, url, request.headers.get('authorization') ?? undefined, async () =>
      parseBody(await request.text(), request.headers.get('content-type') ?? ''),
    );
    if (answer === 'dropped') throw new TypeError('fetch failed', { cause: new Error('other side closed') });
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  };

  /** From now on the token is expired: every call gets code 190 (until `renewToken`). */
  expireToken(): void {
    this.expired = true;
  }

  renewToken(token: string): void {
    this.token = token;
    this.expired = false;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = await this.serve(req.method ?? 'GET', new URL(req.url ?? '/', this.url), req.headers.authorization, async () =>
      req.method === 'POST' ? parseBody(await readBody(req), req.headers['content-type'] ?? '') : (await drain(req), {}),
    );
    if (answer === 'dropped') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.text);
  }

  /** One request, whatever carried it: Meta's answer, or 'dropped' when a fault loses it after the work is done. */
  private async serve(method: string, url: URL, authorization: string | undefined, body: () => Promise<Record<string, unknown>>): Promise<Answer> {
    const [version, ...segments] = url.pathname.split('/').filter(Boolean);
    const path = segments.join('/');
    const record: FakeRequest = { method, path, params: {}, status: 200 };
    try {
      const bodyParams = await body();
      const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
      Object.assign(values, bodyParams);
      const token = tokenOf(values, authorization);
      delete values.access_token;
      record.params = values;
      if (this.options.keepRequests !== false) this.requests.push(record);
      if (method !== 'GET' && method !== 'POST') throw new FakeGraphError(100, `(#100) The fake answers GET and POST, not ${method}`);
      if (version === undefined || !isVersionAtLeast(version)) {
        throw new FakeGraphError(2635, `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${GRAPH_VERSION}.`);
      }
      this.checkToken(token);
      const params = new Params(values);
      const validateOnly = (params.list('execution_options') ?? []).includes('validate_only');
      const fault = this.faults.take({ method, path, validateOnly });
      const now = this.account.now();
      this.usage.record(now);
      if (fault?.kind === 'rate_limit') this.usage.throttle(now, fault.waitMinutes ?? 5);
      if (this.usage.regainMinutes(now) > 0) {
        throw new FakeGraphError(80004, 'There have been too many calls to this ad-account. Wait a bit and try again.', { subcode: 2446079 });
      }
      if (fault && fault.kind !== 'lost_answer') throw faultError(fault);
      // Meta's answer to a write with a token that was not granted ads_management.
      if (method === 'POST' && this.options.readOnly) throw faultError({ kind: 'permission' });
      this.account.catchUp();
      const answer = route(method, segments, {
        account: this.account,
        params,
        url,
        bodyParams,
        permissions: this.options.readOnly ? ['ads_read'] : ['ads_management', 'ads_read'],
      });
      if (fault?.kind === 'lost_answer') {
        record.status = 0;
        return 'dropped';
      }
      return this.answer(200, answer);
    } catch (error) {
      const refusal =
        error instanceof FakeGraphError ? error : new FakeGraphError(1, `An unknown error occurred (${(error as Error).message})`, { status: 500 });
      record.status = refusal.status;
      return this.answer(refusal.status, refusal.body(this.traceId()));
    } finally {
      this.options.log?.(`fake meta: ${method} /${version ?? ''}/${path} → ${record.status === 0 ? 'answer dropped' : record.status}`);
    }
  }

  private checkToken(token: string | undefined): void {
    if (token === undefined) throw new FakeGraphError(104, 'An access token is required to request this resource.');
    if (token !== this.token) throw new FakeGraphError(190, 'Invalid OAuth access token - Cannot parse access token', { status: 400 });
    if (this.expired) {
      const when = this.account.zone.isoLocal(this.account.now());
      throw new FakeGraphError(190, `Error validating access token: Session has expired on ${when}.`, { subcode: 463, status: 400 });
    }
  }

  private answer(status: number, body: unknown): Answer {
    const text = JSON.stringify(body);
    return {
      status,
      text,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'content-length': String(Buffer.byteLength(text)),
        'x-business-use-case-usage': this.usage.header(this.account.accountNumber, this.account.now()),
        'x-fb-trace-id': this.traceId(),
        'facebook-api-version': GRAPH_VERSION,
      },
    };
  }

  private traceId(): string {
    return `AcmFake${(++this.traces).toString(36).padStart(6, '0')}`;
  }
}

/** The token of a request: the `access_token` parameter (query, JSON or form body), or an `Authorization: Bearer` / `OAuth` header. */
function tokenOf(values: Record<string, unknown>, header: string | undefined): string | undefined {
  if (typeof values.access_token === 'string' && values.access_token !== '') return values.access_token;
  const found = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return found ? found[1] : undefined;
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const chunk of req) void chunk;
}

/** A POST body's text, refused past MAX_BODY bytes. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new FakeGraphError(100, '(#100) The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A POST body, JSON (the SDK's) or form-encoded (curl's, Meta's documentation's). */
function parseBody(text: string, type: string): Record<string, unknown> {
  if (Buffer.byteLength(text) > MAX_BODY) throw new FakeGraphError(100, '(#100) The request body is too large');
  if (text.trim() === '') return {};
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes('multipart/form-data')) throw new FakeGraphError(100, '(#100) The fake takes JSON or form-encoded bodies, not multipart');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the refusal below.
  }
  throw new FakeGraphError(100, '(#100) The request body must be a JSON object or form-encoded');
}
