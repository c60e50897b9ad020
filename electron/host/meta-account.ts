import { AcmError } from '@shared/errors';
import { PlatformError } from '@shared/platform/adapter';
import { AcceleratedClock, type Clock } from '@shared/time';
import { GraphClient, type FetchLike } from '@platforms/meta/graph-client';
import { META_GRAPH_BASE } from '@platforms/meta/graph-version';
import { accountPath } from '@platforms/meta/meta-account';
import { openMetaAdapter, type MetaAdapter } from '@platforms/meta/meta-adapter';
import { readTokenAccess, type TokenAccess } from '@platforms/meta/token-access';
import type { AccountRecord } from '../store';
import { AccountConnection, watchedPlatform } from './account-connection';
import { findMetaToken, META_TOKEN_ENV, type MetaCredential, type MetaTokenSources } from './credentials/meta-token';
import type { AccountRequest, HostAccount } from './default-account';
import { disconnectedAccount } from './disconnected-account';
import { chooseAdAccount } from './meta-ad-accounts';

export const META_PLATFORM = 'meta';

export interface MetaConnectOptions extends MetaTokenSources {
  /** Scheme and host of the Graph API: Meta's own by default, a fake's (`acm fake-platform meta`) for tests and demos. */
  apiBase?: string;
  /** The ad account a new database connects ("act_…"); without it, the token's only ad account. */
  accountId?: string;
  /** Node's fetch by default. */
  fetch?: FetchLike;
  /** The action type a new connection counts as a conversion ("purchase" by default); an account connected before keeps its own. */
  conversionAction?: string;
}

export const DEFAULT_CONVERSION_ACTION = 'purchase';

const label = (name: string, id: string) => `Meta ad account "${name}" (${id})`;

const speedOf = (clock: Clock) => (clock instanceof AcceleratedClock ? clock.speed : 1);

function howToReconnect(credential: Pick<MetaCredential, 'from'> | undefined, accountId: string): string {
  if (credential?.from === META_TOKEN_ENV) return `put a new System User token in ${META_TOKEN_ENV} and restart acm serve`;
  return (
    `paste a new System User token in "Connect Meta account" (the workspace switcher) and pick this account; or, for acm serve, ` +
    `"acm credentials set meta --account ${accountId}" (or set ${META_TOKEN_ENV}) and restart it`
  );
}

/**
 * The Meta ad account of a workspace, for the headless host: the Meta adapter over Node's fetch,
 * with the token from ACM_META_TOKEN or the operating system's keyring (never a file), held by
 * the Graph client alone. A new database is connected to the ad account named, or to the token's
 * only one; its `accounts` row (id, name, currency, zone) is written, and the workspace takes its
 * currency and zone. A database already connected reconnects to its account with the token found
 * the same way; one whose token is refused (or missing) opens "needs reconnecting", its record
 * readable, its agents paused, nothing sent.
 */
export async function openMetaAccount(request: AccountRequest, options: MetaConnectOptions): Promise<HostAccount> {
  const { store } = request;
  const log = request.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const now = (request.now ?? Date.now)();
  const stored = store.accounts.list().find((a) => a.platform === META_PLATFORM);
  const asked = options.accountId === undefined ? undefined : accountPath(options.accountId);
  if (stored && asked !== undefined && asked !== stored.externalId) {
    throw new AcmError(
      'CONFLICT',
      `${store.path} is connected to ${label(stored.name, stored.externalId)}, not ${asked}; another ad account needs another --db`,
      {
        path: 'account',
      },
    );
  }
  const apiBase = (options.apiBase ?? META_GRAPH_BASE).replace(/\/+$/, '');
  const clock = request.startClock(now);
  if (apiBase === META_GRAPH_BASE && speedOf(clock) !== 1) {
    throw new AcmError('INVALID_INPUT', `--speed: a real Meta ad account runs in real time; --speed ${speedOf(clock)} is for a fake (--api-base)`, {
      path: 'speed',
    });
  }
  const accountId = stored?.externalId ?? asked;
  const conversionAction = stored?.conversionAction ?? options.conversionAction ?? DEFAULT_CONVERSION_ACTION;
  let credential: MetaCredential;
  try {
    credential = await findMetaToken(options, accountId);
  } catch (error) {
    if (!stored) throw error;
    return disconnectedAccount({
      platform: META_PLATFORM,
      stored,
      clock,
      label: label(stored.name, stored.externalId),
      reason: (error as Error).message,
      reconnect: howToReconnect(undefined, stored.externalId),
      log,
    });
  }
  const client = new GraphClient({
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    token: credential.token.reveal(),
    baseUrl: apiBase,
    clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speedOf(clock))),
    log: (line) => log(line),
  });
  let adapter: MetaAdapter;
  let access: TokenAccess;
  try {
    const id = accountId ?? (await chooseAdAccount(client, credential.from));
    adapter = await openMetaAdapter({
      client,
      accountId: id,
      clock,
      idempotency: store.idempotency,
      conversions: { actionType: conversionAction },
      log: (line) => log(line),
    });
    access = await readTokenAccess(client, id, `the token from ${credential.from}`);
  } catch (error) {
    const refused = error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED';
    if (!refused) throw error;
    const reason = `Meta refused the token from ${credential.from}: ${error.message}`;
    if (stored)
      return disconnectedAccount({
        platform: META_PLATFORM,
        stored,
        clock,
        label: label(stored.name, stored.externalId),
        reason,
        reconnect: howToReconnect(credential, stored.externalId),
        log,
      });
    throw new AcmError('FORBIDDEN', reason);
  }
  const { account } = adapter;
  if (stored) checkSameAccount(stored, adapter, log);
  else {
    store.accounts.connect({
      platform: META_PLATFORM,
      externalId: account.id,
      name: account.name,
      currency: account.currency,
      timezone: account.zone.id,
      createdAt: now,
      conversionAction,
    });
  }
  if (account.status !== 1) log(`${label(account.name, account.id)} is ${account.statusText} at Meta: its changes may be refused`);
  log(
    `connected to ${label(account.name, account.id)} at ${apiBase}: ${account.currency}, ${account.zone.id}, conversions are "${conversionAction}" actions, with the token from ${credential.from}`,
  );
  const recommendOnly = access.readOnlyReason && `${access.readOnlyReason}: agents recommend, a person makes the change in Ads Manager`;
  if (recommendOnly) log(`${label(account.name, account.id)} is recommend only: ${recommendOnly}`);
  const connection = new AccountConnection(label(account.name, account.id), howToReconnect(credential, account.id));
  return {
    name: account.name,
    recommendOnly,
    platform: watchedPlatform(adapter, connection, META_PLATFORM),
    clock,
    zone: account.zone,
    rules: { policies: [], calendar: [] },
    connection,
  };
}

/** The record's amounts are in the currency it was connected in: an account Meta now gives in another is refused, a new zone is said. */
function checkSameAccount(stored: AccountRecord, adapter: MetaAdapter, log: (message: string) => void): void {
  const { account } = adapter;
  if (account.currency !== stored.currency) {
    throw new AcmError(
      'CONFLICT',
      `${label(account.name, account.id)}: Meta gives its currency as ${account.currency}, but this workspace records it in ${stored.currency}; connect it to a new workspace`,
    );
  }
  if (account.zone.id !== stored.timezone) {
    log(`${label(account.name, account.id)}: Meta gives its time zone as ${account.zone.id}; the workspace was connected in ${stored.timezone}`);
  }
}
