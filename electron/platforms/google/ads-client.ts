import { PlatformError } from '@shared/platform/adapter';
import { GoogleAdsApiError, googleAdsApiError, type GoogleErrorBody } from './ads-errors';
import { GOOGLE_ADS_BASE, GOOGLE_ADS_VERSION } from './api-version';
import type { OperationsQuota } from './operations-quota';

/** `fetch` as Node and Electron's `net.fetch` both offer it: injected, so system proxies work in the app and tests need no network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The mutate services the adapter writes through. */
export type MutateService = 'campaignBudgets' | 'campaigns' | 'adGroupCriteria' | 'adGroupAds';

export interface GoogleAdsClientOptions {
  fetch: FetchLike;
  /** A fresh OAuth access token for each request (the OAuth side refreshes it); never logged, never in a message. */
  accessToken: () => Promise<string>;
  /** The ad account acted on, digits with or without dashes. */
  customerId: string;
  /** Sent as `developer-token` when the operator configured one; never logged, never in a message. */
  developerToken?: string;
  /** The manager account acted through (`login-customer-id`), when access to the customer comes from it. */
  loginCustomerId?: string;
  /** Scheme and host of the API (default https://googleads.googleapis.com); the fake's origin in tests. */
  baseUrl?: string;
  quota: OperationsQuota;
  /** Waits; injected so that tests drive time instead of sleeping. */
  sleep: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  /** How many times a read that failed for a passing reason is tried again; default 2. Writes are never repeated here. */
  readRetries?: number;
  timeoutMs?: number;
}

export interface MutateOptions {
  validateOnly?: boolean;
}

/** One result of a mutate answered with MUTABLE_RESOURCE: the resource name and the resource as it now stands. */
export type MutateResult = { resourceName: string } & Record<string, unknown>;

const RETRY_BASE_MS = 1_000;

/** "123-456-7890" → "1234567890"; anything else is refused before it reaches a URL. */
export function customerDigits(id: string): string {
  const digits = id.replace(/-/g, '');
  if (!/^\d{10}$/.test(digits)) throw new PlatformError('INVALID_CHANGE', `'${id}' is not a Google Ads customer id (ten digits, dashes allowed)`);
  return digits;
}

/**
 * Plain HTTPS JSON over the Google Ads API, pinned to one version: GAQL reads through
 * `googleAds:searchStream`, writes through the four mutate services. Every request is counted
 * against the day's operations first. A read that failed for a passing reason (429, 500, 503,
 * 504) is tried again after the delay Google gave; a write never is (the adapter settles a lost
 * answer by reading the resource back).
 */
export class GoogleAdsClient {
  readonly customerId: string;
  readonly baseUrl: string;
  private readonly loginCustomerId: string | undefined;
  private readonly readRetries: number;
  private readonly timeoutMs: number;
  private lastToken = '';

  constructor(private readonly options: GoogleAdsClientOptions) {
    this.customerId = customerDigits(options.customerId);
    this.loginCustomerId = options.loginCustomerId === undefined ? undefined : customerDigits(options.loginCustomerId);
    this.baseUrl = (options.baseUrl ?? GOOGLE_ADS_BASE).replace(/\/+$/, '');
    this.readRetries = options.readRetries ?? 2;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  get quota(): OperationsQuota {
    return this.options.quota;
  }

  /** Every row a GAQL query selects: searchStream answers with a JSON array of batches, each with its `results`. */
  async search<T>(query: string): Promise<T[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const batches = await this.send<{ results?: T[] }[]>('googleAds:searchStream', { query }, 1);
        if (!Array.isArray(batches))
          throw new GoogleAdsApiError('TRANSIENT', 'googleAds:searchStream: the answer is not a list of batches', { httpStatus: 200 });
        return batches.flatMap((b) => b.results ?? []);
      } catch (error) {
        if (!(error instanceof GoogleAdsApiError) || !error.retryable || error.google.dailyQuotaSpent || attempt >= this.readRetries) throw error;
        const wait = error.google.retryDelayMs ?? RETRY_BASE_MS * 2 ** attempt;
        this.options.log?.(`google: ${error.message}; trying again in ${wait} ms`);
        await this.options.sleep(wait);
      }
    }
  }

  /** One mutate request: all its operations land or none (no partial failure); the real one answers with the resources as they now stand. */
  async mutate(service: MutateService, operations: Record<string, unknown>[], options: MutateOptions = {}): Promise<MutateResult[]> {
    const body = options.validateOnly ? { operations, validateOnly: true } : { operations, responseContentType: 'MUTABLE_RESOURCE' };
    const answer = await this.send<{ results?: MutateResult[] }>(`${service}:mutate`, body, operations.length);
    return answer.results ?? [];
  }

  private async send<T>(call: string, body: unknown, operations: number): Promise<T> {
    const { quota } = this.options;
    quota.take(operations, call);
    const token = await this.token(call);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (this.options.developerToken) headers['developer-token'] = this.options.developerToken;
    if (this.loginCustomerId) headers['login-customer-id'] = this.loginCustomerId;
    const url = `${this.baseUrl}/${GOOGLE_ADS_VERSION}/customers/${this.customerId}/${call}`;
    let response: Response;
    try {
      response = await this.options.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new GoogleAdsApiError('TRANSIENT', `${call}: no answer (${this.clean(causeText(error))})`, { httpStatus: 0 });
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const code = response.status >= 500 || response.ok ? 'TRANSIENT' : 'INVALID_CHANGE';
      throw new GoogleAdsApiError(code, `${call}: HTTP ${response.status} with an answer that is not JSON`, { httpStatus: response.status });
    }
    // searchStream reports an error met mid-stream as a batch holding the envelope.
    const envelope = errorIn(parsed);
    if (envelope || !response.ok) {
      const error = googleAdsApiError(call, envelope ?? {}, response.status, () => quota.msUntilNextDay());
      if (error.google.dailyQuotaSpent) quota.exhaust();
      const said = error.google.googleMessage;
      const google = { ...error.google, googleMessage: said === undefined ? undefined : this.clean(said) };
      const clean = new GoogleAdsApiError(error.platformCode, this.clean(error.message), google, error.retryAfterMs);
      this.options.log?.(`google: ${clean.message}`);
      throw clean;
    }
    return parsed as T;
  }

  private async token(call: string): Promise<string> {
    try {
      this.lastToken = await this.options.accessToken();
      return this.lastToken;
    } catch (error) {
      if (error instanceof PlatformError) throw error;
      const text = this.clean(causeText(error));
      if (/invalid_grant/i.test(text))
        throw new PlatformError('AUTH_EXPIRED', `${call} not sent: Google no longer accepts the account's sign-in (${text}); reconnect it`);
      throw new PlatformError('TRANSIENT', `${call} not sent: no access token (${text})`);
    }
  }

  /** Text fit for a message or a log line: neither the access token nor the developer token in it. */
  private clean(text: string): string {
    let out = text;
    for (const secret of [this.lastToken, this.options.developerToken]) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
    return out.replace(/(Bearer\s+)[^\s"',]+/gi, '$1[redacted]');
  }
}

function errorIn(parsed: unknown): GoogleErrorBody | undefined {
  const holder = Array.isArray(parsed) ? parsed.find((b) => b && typeof b === 'object' && 'error' in b) : parsed;
  return holder && typeof holder === 'object' && 'error' in holder ? (holder as { error: GoogleErrorBody }).error : undefined;
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
