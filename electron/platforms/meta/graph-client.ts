import type { Clock } from '@shared/time';
import { MetaApiError, metaApiError, type MetaErrorBody } from './graph-errors';
import { GRAPH_VERSION, META_GRAPH_BASE } from './graph-version';
import { describeUrl, redactToken } from './redact';
import { readUsage, UsagePacer } from './usage-pacer';

/** `fetch` as Node and Electron's `net.fetch` both offer it: injected, so system proxies work in the app and tests need no network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A parameter value: `fields` lists are comma-joined, other lists and objects travel as JSON text, as the Graph API reads them. */
export type GraphParamValue = string | number | boolean | readonly unknown[] | Record<string, unknown>;
export type GraphParams = Record<string, GraphParamValue | undefined>;

export interface GraphClientOptions {
  fetch: FetchLike;
  /** A System User access token. It is held here and nowhere else: never logged, never in a message. */
  token: string;
  /** Scheme and host of the Graph API (default https://graph.facebook.com); the fake's origin in tests. */
  baseUrl?: string;
  clock: Clock;
  /** Waits; injected so that tests drive time instead of sleeping. */
  sleep: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  /** Objects per page asked for (`limit`); default 100. */
  pageSize?: number;
  /** How many times a read that failed for a passing reason is tried again; default 2. Writes are never repeated here. */
  readRetries?: number;
  timeoutMs?: number;
}

interface Paged<T> {
  data?: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

const MAX_PAGES = 1_000;
const RETRY_BASE_MS = 1_000;

/** Query or form text of Graph API parameters. */
export function encodeParams(params: GraphParams): URLSearchParams {
  const encoded = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (key === 'fields' && Array.isArray(value)) encoded.set(key, value.join(','));
    else if (typeof value === 'object') encoded.set(key, JSON.stringify(value));
    else encoded.set(key, String(value));
  }
  return encoded;
}

/**
 * Plain REST over the Graph API, pinned to one version: reads follow `paging.next`, calls are
 * paced under the usage headers, Meta's error envelope becomes a MetaApiError. A dead token
 * (code 190) is remembered: every later call fails at once without being sent, until the
 * account is reconnected with `setToken`, so nothing retries a dead token.
 */
export class GraphClient {
  readonly baseUrl: string;
  private token: string;
  private dead: MetaApiError | undefined;
  private readonly pacer = new UsagePacer();
  private readonly pageSize: number;
  private readonly readRetries: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = (options.baseUrl ?? META_GRAPH_BASE).replace(/\/+$/, '');
    this.token = options.token;
    this.pageSize = options.pageSize ?? 100;
    this.readRetries = options.readRetries ?? 2;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** A new token for the same account (reconnecting); clears the memory of a dead one. */
  setToken(token: string): void {
    this.token = token;
    this.dead = undefined;
  }

  /** Whether Meta said the token expired or was revoked. */
  get tokenDead(): boolean {
    return this.dead !== undefined;
  }

  /** The fullest quota's use in percent, as last reported. */
  get usagePercent(): number {
    return this.pacer.usagePercent;
  }

  async get<T>(path: string, params: GraphParams = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}/${GRAPH_VERSION}/${path}`);
    url.search = encodeParams(params).toString();
    return this.read<T>(url);
  }

  /** Every object of an edge, page after page as `paging.next` leads. */
  async getAll<T>(path: string, params: GraphParams = {}): Promise<T[]> {
    const all: T[] = [];
    let page = await this.get<Paged<T>>(path, { limit: this.pageSize, ...params });
    for (let pages = 1; ; pages++) {
      all.push(...(page.data ?? []));
      const next = page.paging?.next;
      if (!next) return all;
      if (pages >= MAX_PAGES) throw new MetaApiError('TRANSIENT', `GET /${path}: more than ${MAX_PAGES} pages; stopped`, { httpStatus: 200 });
      page = await this.read<Paged<T>>(this.nextPageUrl(next, path));
    }
  }

  /** A write: form-encoded, as Meta's documentation posts; never repeated here (the adapter settles a lost answer by reading back). */
  async post<T>(path: string, params: GraphParams): Promise<T> {
    const url = new URL(`${this.baseUrl}/${GRAPH_VERSION}/${path}`);
    const body = encodeParams(params);
    return this.send<T>('POST', url, () => {
      body.set('access_token', this.token);
      return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
    });
  }

  /** `paging.next` as Meta gave it, held to our own origin (the token goes nowhere else) and carrying the current token. */
  private nextPageUrl(next: string, path: string): URL {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new MetaApiError('TRANSIENT', `GET /${path}: paging.next is not a URL`, { httpStatus: 200 });
    }
    if (url.origin !== new URL(this.baseUrl).origin) {
      throw new MetaApiError('INVALID_CHANGE', `GET /${path}: paging.next leads to ${url.origin}, not ${new URL(this.baseUrl).origin}; not followed`, {
        httpStatus: 200,
      });
    }
    url.searchParams.delete('access_token');
    return url;
  }

  private async read<T>(url: URL): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send<T>('GET', url, () => {
          const withToken = new URL(url);
          withToken.searchParams.set('access_token', this.token);
          return { method: 'GET', url: withToken };
        });
      } catch (error) {
        if (!(error instanceof MetaApiError) || error.platformCode !== 'TRANSIENT' || attempt >= this.readRetries) throw error;
        await this.options.sleep(RETRY_BASE_MS * 2 ** attempt);
      }
    }
  }

  private async send<T>(method: 'GET' | 'POST', url: URL, prepare: () => RequestInit & { url?: URL }): Promise<T> {
    const call = `${method} ${url.pathname}`;
    if (this.dead) throw new MetaApiError('AUTH_EXPIRED', `${call} not sent: ${this.dead.message}`, this.dead.meta);
    const { clock, sleep } = this.options;
    const throttledUntil = this.pacer.throttledUntil(clock.now());
    if (throttledUntil > 0) {
      const waitMs = throttledUntil - clock.now();
      throw new MetaApiError('RATE_LIMITED', `${call} not sent: Meta throttled this account for ${Math.ceil(waitMs / 1000)} s more`, { httpStatus: 0 }, waitMs);
    }
    const wait = this.pacer.waitBefore(clock.now());
    if (wait > 0) {
      this.options.log?.(`meta: ${this.pacer.usagePercent}% of a quota in use; waiting ${wait} ms before ${call}`);
      await sleep(wait);
    }
    this.pacer.sent(clock.now());
    const { url: target = url, ...init } = prepare();
    let response: Response;
    try {
      response = await this.options.fetch(target.toString(), { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new MetaApiError('TRANSIENT', `${call}: no answer (${this.clean(causeText(error))})`, { httpStatus: 0 });
    }
    const usage = readUsage(response.headers);
    this.pacer.observe(usage, clock.now());
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const code = response.status >= 500 || response.ok ? 'TRANSIENT' : 'INVALID_CHANGE';
      throw new MetaApiError(code, `${call}: HTTP ${response.status} with an answer that is not JSON`, { httpStatus: response.status });
    }
    const envelope = body && typeof body === 'object' && 'error' in body ? (body as { error: MetaErrorBody }).error : undefined;
    if (envelope || !response.ok) {
      const error = metaApiError(call, envelope ?? {}, response.status, this.token, usage.regainMs || undefined);
      if (error.platformCode === 'AUTH_EXPIRED') this.dead = error;
      this.options.log?.(`meta: ${error.message}`);
      throw error;
    }
    return body as T;
  }

  private clean(text: string): string {
    return redactToken(describeUrlsIn(text), this.token);
  }
}

/** A network failure's words: Node's fetch says "fetch failed" and puts the reason in `cause`. */
function causeText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message : String(e);
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(': ') || 'unknown network error';
}

function describeUrlsIn(text: string): string {
  return text.replace(/https?:\/\/\S+/g, (url) => describeUrl(url));
}
