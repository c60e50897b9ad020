import { AcmError } from '@shared/errors';
import { PlatformError } from '@shared/platform/adapter';
import { AcceleratedClock, type Clock } from '@shared/time';
import { GOOGLE_ADS_BASE } from '@platforms/google/api-version';
import { GoogleAdsClient, type FetchLike } from '@platforms/google/ads-client';
import { GoogleAdsApiError } from '@platforms/google/ads-errors';
import { GoogleAdapter, openGoogleAdapter } from '@platforms/google/google-adapter';
import type { GoogleCustomer } from '@platforms/google/google-account';
import { AccountZone } from '@shared/zone';
import { OperationsQuota, type AccessLevel } from '@platforms/google/operations-quota';
import type { AccountRecord } from '../store';
import { AccountConnection, watchedPlatform } from './account-connection';
import { findGoogleRefreshToken, GOOGLE_REFRESH_TOKEN_ENV, type GoogleCredential, type GoogleRefreshTokenSources } from './credentials/google-refresh-token';
import type { AccountRequest, HostAccount } from './default-account';
import { disconnectedAccount } from './disconnected-account';
import { googleOperatorCredentials, type GoogleOperatorCredentials } from './google-client-credentials';
import { GoogleAccessTokens } from './google-oauth/access-token-source';
import { QuotaSpell, quotaWatchedPlatform } from './quota-pause';
import type { GoogleOAuthEndpoints } from './google-oauth/endpoints';

export const GOOGLE_PLATFORM = 'google';

export interface GoogleConnectOptions extends GoogleRefreshTokenSources {
  /** The customer a new database connects (ten digits); an account connected before keeps its own. */
  customerId?: string;
  /** The manager account acted through (`login-customer-id`), when access to the customer comes from it. */
  loginCustomerId?: string;
  /** Scheme and host of the Google Ads API: Google's by default, a fake's (`acm fake-platform google`) for tests and demos. */
  apiBase?: string;
  /** Google's OAuth endpoints by default; a fake's. */
  oauthEndpoints?: GoogleOAuthEndpoints;
  /** The developer token's access level the operator states: the day's operations are counted against it. */
  accessLevel?: AccessLevel;
  /** Node's fetch by default, for the API and the token endpoint alike. */
  fetch?: FetchLike;
  /** Where the operator's OAuth client is found (the app's vault, then the environment); the environment alone by default. */
  operator?: () => Promise<GoogleOperatorCredentials>;
}

/** Without a stated level, the smaller allowance: planning within too few operations is safe, within too many is not. */
export const DEFAULT_ACCESS_LEVEL: AccessLevel = 'explorer';

const dashed = (id: string) => `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}`;
const label = (name: string, id: string) => `Google Ads customer "${name}" (${dashed(id)})`;
const speedOf = (clock: Clock) => (clock instanceof AcceleratedClock ? clock.speed : 1);

function howToReconnect(credential: Pick<GoogleCredential, 'from'> | undefined, customerId: string): string {
  if (credential?.from === GOOGLE_REFRESH_TOKEN_ENV) return `put a new refresh token in ${GOOGLE_REFRESH_TOKEN_ENV} and restart acm serve`;
  return (
    `sign in again: "Connect Google Ads account" in the workspace switcher, then pick this account; or, for acm serve, ` +
    `"acm credentials connect google --customer-id ${customerId}" (or set ${GOOGLE_REFRESH_TOKEN_ENV}) and restart it`
  );
}

/**
 * The Google Ads customer of a workspace, for the headless host: the Google adapter over Node's
 * fetch, its access tokens refreshed from the refresh token found in ACM_GOOGLE_REFRESH_TOKEN or
 * the keyring, with the operator's OAuth client from the environment. A new database is connected
 * to the customer named and takes its currency and zone; one already connected reconnects to it.
 * A refresh token Google refuses (at start or mid-run) or a 401 makes the account "needs
 * reconnecting" through the same AccountConnection as Meta's dead token: agents paused, one alert.
 */
export async function openGoogleAccount(request: AccountRequest, options: GoogleConnectOptions): Promise<HostAccount> {
  const { store } = request;
  const log = request.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const now = (request.now ?? Date.now)();
  const stored = store.accounts.list().find((a) => a.platform === GOOGLE_PLATFORM);
  if (stored && options.customerId !== undefined && options.customerId !== stored.externalId) {
    throw new AcmError(
      'CONFLICT',
      `${store.path} is connected to ${label(stored.name, stored.externalId)}, not ${dashed(options.customerId)}; another customer needs another --db`,
      { path: 'customerId' },
    );
  }
  const customerId = stored?.externalId ?? options.customerId;
  if (customerId === undefined) {
    throw new AcmError('INVALID_INPUT', '--customer-id: name the Google Ads customer to connect (ten digits, as Google Ads shows it)', { path: 'customerId' });
  }
  const apiBase = (options.apiBase ?? GOOGLE_ADS_BASE).replace(/\/+$/, '');
  const clock = request.startClock(now);
  if (apiBase === GOOGLE_ADS_BASE && speedOf(clock) !== 1) {
    throw new AcmError('INVALID_INPUT', `--speed: a real Google Ads account runs in real time; --speed ${speedOf(clock)} is for a fake (--api-base)`, {
      path: 'speed',
    });
  }
  let credential: GoogleCredential;
  let operator: GoogleOperatorCredentials;
  try {
    credential = await findGoogleRefreshToken(options, customerId);
    operator = options.operator ? await options.operator() : googleOperatorCredentials(options.env);
  } catch (error) {
    if (!stored) throw error;
    return disconnectedAccount({
      platform: GOOGLE_PLATFORM,
      stored,
      clock,
      label: label(stored.name, stored.externalId),
      reason: (error as Error).message,
      reconnect: howToReconnect(undefined, stored.externalId),
      log,
    });
  }
  const fetchOf = options.fetch ?? ((url, init) => fetch(url, init));
  // The account's clock: with a fake at --speed, access tokens expire on the fake's time, as its token endpoint counts it.
  const tokens = new GoogleAccessTokens({
    refreshToken: credential.refreshToken,
    client: operator.client,
    endpoints: options.oauthEndpoints,
    fetch: fetchOf,
    clock,
  });
  const client = new GoogleAdsClient({
    fetch: fetchOf,
    accessToken: async () => (await tokens.accessToken()).reveal(),
    customerId,
    developerToken: operator.developerToken?.reveal(),
    loginCustomerId: options.loginCustomerId,
    baseUrl: apiBase,
    quota: new OperationsQuota(clock, options.accessLevel ?? DEFAULT_ACCESS_LEVEL),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speedOf(clock))),
    log: (line) => log(line),
  });
  // A spent day kept from before a restart: nothing is sent until it turns (pauseAgentsWhileSpent takes up the wait), so the customer is the one on record.
  const kept = stored && store.platformPauses.get(stored.externalId);
  const waiting = kept !== undefined && kept.until > clock.now();
  if (waiting) client.quota.exhaust();
  const adapterOptions = {
    client,
    clock,
    idempotency: store.idempotency,
    manages: (id: string) => managedByAgents(store, id),
    log: (line: string) => log(line),
  };
  let adapter: GoogleAdapter;
  try {
    adapter = stored && waiting ? new GoogleAdapter(adapterOptions, customerOnRecord(stored)) : await openGoogleAdapter(adapterOptions);
  } catch (error) {
    if (!(error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED')) throw error;
    const reason = `Google refused the sign-in from ${credential.from}: ${error.message}`;
    if (stored)
      return disconnectedAccount({
        platform: GOOGLE_PLATFORM,
        stored,
        clock,
        label: label(stored.name, stored.externalId),
        reason,
        reconnect: howToReconnect(credential, stored.externalId),
        log,
      });
    throw new AcmError('FORBIDDEN', reason);
  }
  const { customer } = adapter;
  if (stored) checkSameCustomer(stored, adapter, log);
  else {
    store.accounts.connect({
      platform: GOOGLE_PLATFORM,
      externalId: customer.id,
      name: customer.name,
      currency: customer.currency,
      timezone: customer.zone.id,
      createdAt: now,
    });
  }
  const through = options.loginCustomerId === undefined ? '' : ` through manager ${dashed(options.loginCustomerId)}`;
  log(
    `connected to ${label(customer.name, customer.id)}${through} at ${apiBase}: ${customer.currency}, ${customer.zone.id}, ` +
      `${client.quota.perDay} operations a day, with the refresh token from ${credential.from}`,
  );
  const connection = new AccountConnection(label(customer.name, customer.id), howToReconnect(credential, customer.id));
  const quota = new QuotaSpell(label(customer.name, customer.id), customer.id);
  const spentUntil = (error: unknown) => (isSpentDay(error) ? clock.now() + client.quota.msUntilNextDay() : undefined);
  return {
    name: customer.name,
    platform: watchedPlatform(quotaWatchedPlatform(adapter, quota, spentUntil), connection, GOOGLE_PLATFORM),
    clock,
    zone: customer.zone,
    rules: { policies: [], calendar: [] },
    connection,
    quota,
  };
}

/** Whether an agent of the workspace (not terminated) names the campaign, or manages every campaign: read at each change, as agents come and go. */
function managedByAgents(store: AccountRequest['store'], campaignId: string): boolean {
  return store.agents.list<{ campaigns?: unknown }>().some((agent) => {
    if (agent.status === 'terminated') return false;
    const campaigns = agent.definition.campaigns;
    return campaigns === '*' || (Array.isArray(campaigns) && campaigns.includes(campaignId));
  });
}

/**
 * The day's operations are spent: Google said so, or the client refused to send past the access
 * level's allowance (its own refusals are plain RATE_LIMITED errors; Google's passing throttles are
 * GoogleAdsApiErrors without `dailyQuotaSpent`, retried where they happen).
 */
function isSpentDay(error: unknown): boolean {
  if (!(error instanceof PlatformError) || error.platformCode !== 'RATE_LIMITED') return false;
  return !(error instanceof GoogleAdsApiError) || error.google.dailyQuotaSpent === true;
}

/** The customer as its workspace recorded it when connected: what a host knows of it without asking Google. */
function customerOnRecord(stored: AccountRecord): GoogleCustomer {
  return { id: stored.externalId, name: stored.name, currency: stored.currency, zone: AccountZone.of(stored.timezone), manager: false };
}

/** The record's amounts are in the currency it was connected in: a customer Google now gives in another is refused, a new zone is said. */
function checkSameCustomer(stored: AccountRecord, adapter: GoogleAdapter, log: (message: string) => void): void {
  const { customer } = adapter;
  if (customer.currency !== stored.currency) {
    throw new AcmError(
      'CONFLICT',
      `${label(customer.name, customer.id)}: Google gives its currency as ${customer.currency}, but this workspace records it in ${stored.currency}; connect it to a new workspace`,
    );
  }
  if (customer.zone.id !== stored.timezone) {
    log(`${label(customer.name, customer.id)}: Google gives its time zone as ${customer.zone.id}; the workspace was connected in ${stored.timezone}`);
  }
}
