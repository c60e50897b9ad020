import { randomUUID } from 'node:crypto';
import { AcmError } from '@shared/errors';
import type { GoogleCustomer, GoogleSignIn } from '@shared/ipc/channels/google-connect';
import { isCurrency } from '@shared/money';
import { PlatformError } from '@shared/platform/adapter';
import { systemClock } from '@shared/time';
import { isTimeZone } from '@shared/zone';
import { GoogleAdsClient, type FetchLike } from '@platforms/google/ads-client';
import { GoogleAdsApiError } from '@platforms/google/ads-errors';
import { GOOGLE_ADS_BASE } from '@platforms/google/api-version';
import { listAccessibleCustomers, listClientAccounts, readCustomer } from '@platforms/google/google-account';
import { OperationsQuota } from '@platforms/google/operations-quota';
import { googleKeyringEntry } from './credentials/google-refresh-token';
import type { Secret } from './credentials/secret';
import type { ConnectedIn } from './connected-in';
import type { CredentialVault } from './credentials/vault';
import type { GoogleOperatorCredentials } from './google-client-credentials';
import type { GoogleOperatorSource } from './google-operator';
import { GoogleAccessTokens } from './google-oauth/access-token-source';
import { connectGoogle, type GoogleConnection } from './google-oauth/connect-google';
import type { GoogleOAuthEndpoints } from './google-oauth/endpoints';

/** How many customers the dialog lists, and how many directly reached ones are read (one search each, and one more per manager). */
const LISTED = 200;
const READ = 50;
/** How long a sign-in waits for the browser, and then for the operator to pick (its refresh token held in memory only meanwhile). */
const BROWSER_WAIT_MS = 10 * 60_000;
const SIGN_IN_LIFETIME_MS = 30 * 60_000;

/** The vault entry naming the manager account a customer is reached through: read again each time its workspace opens. */
export function googleLoginEntry(customerId: string): string {
  return `google_login:${googleKeyringEntry(customerId).slice('google:'.length)}`;
}

export const dashedCustomerId = (id: string) => `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}`;

export interface GoogleConnectorDeps {
  operator: GoogleOperatorSource;
  vault: CredentialVault;
  /** Google's by default; a fake's. */
  apiBase?: string;
  oauthEndpoints?: GoogleOAuthEndpoints;
  /** Electron's net.fetch in the app; Node's by default. */
  fetch?: FetchLike;
  /**
   * Opens a page in the system browser: Electron's shell.openExternal in the app. Absent under
   * `acm serve`: its page may be any browser tab, and a host that opened a window of its own would
   * open it where nobody looks. The consent page's address is then handed back in the answer to
   * `workspaces.startGoogleSignIn`, and the page opens it. Either way the browser comes back to a
   * loopback address of the host, which is on the operator's computer: `acm serve` listens on
   * 127.0.0.1 only.
   */
  openExternal?: (url: string) => Promise<void>;
  log(message: string, error?: unknown): void;
  /** For tests: how long the browser is waited for. */
  browserWaitMs?: number;
}

interface SignIn {
  abort: AbortController;
  connection: Promise<GoogleConnection>;
  operator: GoogleOperatorCredentials;
  refreshToken?: Secret;
  listing?: { customers: GoogleCustomer[]; more: number };
  /** The wait for the browser and the listing after it: one however many pages ask. */
  finishing?: Promise<void>;
  expiry: ReturnType<typeof setTimeout>;
}

/**
 * "Connect Google Ads account", the host's side: the operator's OAuth client, the installed-app
 * sign-in through the system browser, and what the sign-in reaches. A sign-in's refresh token
 * stays in memory until customers are connected with it (then it goes to the vault, one entry per
 * customer, where `findGoogleRefreshToken` looks) or the sign-in ends; no answer carries it.
 */
export class GoogleConnector {
  private readonly signIns = new Map<string, SignIn>();

  constructor(private readonly deps: GoogleConnectorDeps) {}

  clientStatus() {
    return this.deps.operator.status();
  }

  saveClient(request: Parameters<GoogleOperatorSource['save']>[0]) {
    return this.deps.operator.save(request);
  }

  /** Opens a loopback redirect and the consent page; answers with its address as soon as there is one, the wait for the browser going on. */
  async start(): Promise<{ signInId: string; consentUrl: string; openedByHost: boolean }> {
    const operator = await this.deps.operator.credentials();
    const abort = new AbortController();
    let shown!: (consent: { url: string; opened: boolean }) => void;
    const consent = new Promise<{ url: string; opened: boolean }>((resolve) => (shown = resolve));
    const connection = connectGoogle({
      client: operator.client,
      endpoints: this.deps.oauthEndpoints,
      fetch: this.deps.fetch,
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(this.deps.browserWaitMs ?? BROWSER_WAIT_MS)]),
      openExternal: async (url) => shown({ url, opened: await this.openInBrowser(url) }),
    });
    // Its failure is reported by `finish` (or here, when it comes before the consent page).
    connection.catch(() => undefined);
    const ended = connection.then(() => {
      throw new AcmError('INTERNAL', 'the Google sign-in ended before its consent page was shown');
    });
    const { url, opened } = await Promise.race([consent, ended]);
    const signInId = randomUUID();
    const expiry = setTimeout(() => this.end(signInId), SIGN_IN_LIFETIME_MS);
    expiry.unref?.();
    this.signIns.set(signInId, { abort, connection, operator, expiry });
    return { signInId, consentUrl: url, openedByHost: opened };
  }

  /** Waits for the browser, then lists what the sign-in reaches. A sign-in that failed is over: its error is said once. */
  async finish(signInId: string, connectedIn: ConnectedIn): Promise<GoogleSignIn> {
    const signIn = this.get(signInId);
    signIn.finishing ??= this.complete(signInId, signIn);
    await signIn.finishing;
    return { signInId, ...this.listed(signInId, connectedIn), storage: await this.deps.vault.storage() };
  }

  private async complete(signInId: string, signIn: SignIn): Promise<void> {
    try {
      const { refreshToken } = await signIn.connection;
      signIn.refreshToken = refreshToken;
      signIn.listing = await this.reachable(signIn.operator, refreshToken);
    } catch (error) {
      this.end(signInId);
      // Without a developer token Google refuses every API call: say what to add rather than only Google's code.
      const hint =
        error instanceof GoogleAdsApiError && signIn.operator.developerToken === undefined ? ' (no developer token is configured: add it with "Change")' : '';
      if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') {
        throw new AcmError('FORBIDDEN', `Google refused the sign-in: ${error.message}${hint}`);
      }
      if (error instanceof PlatformError) throw new AcmError('UNAVAILABLE', `${error.message}${hint}`);
      throw error;
    }
  }

  /** The customers a finished sign-in reaches, each with the workspace it is connected in now, and whether that one needs signing in again. */
  listed(signInId: string, connectedIn: ConnectedIn): { customers: GoogleCustomer[]; more: number } {
    const { listing } = this.get(signInId);
    if (!listing) throw new AcmError('CONFLICT', 'the Google sign-in is not finished yet: wait for the browser to come back from Google', { path: 'signInId' });
    const customers = listing.customers.map((customer) => {
      const found = customer.manager ? undefined : connectedIn(customer.id);
      if (found === undefined) return customer;
      return found.needsReconnecting
        ? { ...customer, workspaceId: found.workspaceId, needsReconnecting: true }
        : { ...customer, workspaceId: found.workspaceId };
    });
    return { customers, more: listing.more };
  }

  /**
   * The customers picked, each checked before any is connected: a manager account, one already
   * connected (unless its workspace needs signing in again), one the sign-in does not reach are
   * refused naming it.
   */
  picked(signInId: string, customerIds: readonly string[], connectedIn: ConnectedIn, workspaceName: (workspaceId: number) => string): GoogleCustomer[] {
    const { customers } = this.listed(signInId, connectedIn);
    return customerIds.map((id) => {
      const customer = customers.find((c) => c.id === id);
      if (!customer) {
        throw new AcmError('NOT_FOUND', `the Google sign-in does not reach the Google Ads customer ${dashedCustomerId(id)}`, { path: 'customerIds' });
      }
      const named = `${customer.name} (${dashedCustomerId(id)})`;
      if (customer.manager) {
        throw new AcmError('INVALID_INPUT', `${named} is a manager account, which has no campaigns of its own: pick its client accounts instead`, {
          path: 'customerIds',
        });
      }
      if (customer.workspaceId !== undefined && customer.needsReconnecting !== true) {
        throw new AcmError('CONFLICT', `${named} is already connected in workspace '${workspaceName(customer.workspaceId)}'`, { path: 'customerIds' });
      }
      if (customer.problem !== undefined) throw new AcmError('INVALID_INPUT', `${named}: ${customer.problem}`, { path: 'customerIds' });
      return customer;
    });
  }

  cancel(signInId: string): { cancelled: boolean } {
    return { cancelled: this.end(signInId) };
  }

  /**
   * Keeps the sign-in's refresh token for the customer (and the manager it is reached through) in
   * the vault; refuses an unprotected vault unless told to store anyway. Returns how to take it back.
   */
  async store(signInId: string, customer: GoogleCustomer, storeUnprotected: boolean): Promise<() => Promise<void>> {
    const { refreshToken } = this.get(signInId);
    if (!refreshToken) throw new AcmError('CONFLICT', 'the Google sign-in is not finished yet', { path: 'signInId' });
    const { vault } = this.deps;
    const storage = await vault.storage();
    if (!storage.available) throw new AcmError('UNAVAILABLE', storage.warning ?? `${storage.where} cannot keep the Google sign-in`);
    if (!storage.protected && !storeUnprotected) {
      throw new AcmError('CONFLICT', storage.warning ?? `${storage.where} does not protect the Google sign-in`, { path: 'storeUnprotected' });
    }
    const entries: [string, string | undefined][] = [
      [googleKeyringEntry(customer.id), refreshToken.reveal()],
      [googleLoginEntry(customer.id), customer.loginCustomerId],
    ];
    const before = await Promise.all(entries.map(([entry]) => vault.read(entry)));
    for (const [entry, value] of entries) {
      if (value === undefined) await vault.remove(entry);
      else await vault.write(entry, value);
    }
    return async () => {
      for (const [index, [entry]] of entries.entries()) {
        const was = before[index];
        if (was === undefined) await vault.remove(entry);
        else await vault.write(entry, was);
      }
    };
  }

  /** Ends a sign-in: the wait for the browser stops, the refresh token is dropped. Whether there was one. */
  end(signInId: string): boolean {
    const signIn = this.signIns.get(signInId);
    if (!signIn) return false;
    this.signIns.delete(signInId);
    clearTimeout(signIn.expiry);
    signIn.abort.abort();
    return true;
  }

  close(): void {
    for (const signInId of [...this.signIns.keys()]) this.end(signInId);
  }

  private get(signInId: string): SignIn {
    const signIn = this.signIns.get(signInId);
    if (!signIn) {
      throw new AcmError('NOT_FOUND', 'this Google sign-in is over (cancelled, used, failed or older than 30 minutes): sign in with Google again', {
        path: 'signInId',
      });
    }
    return signIn;
  }

  private async openInBrowser(url: string): Promise<boolean> {
    if (!this.deps.openExternal) return false;
    try {
      await this.deps.openExternal(url);
      return true;
    } catch (error) {
      // The dialog still shows the address, for the operator to open by hand.
      this.deps.log('the system browser could not be opened for the Google sign-in', error);
      return false;
    }
  }

  /**
   * The customers the sign-in reaches directly, and the client accounts of each manager among
   * them (reached through it, as login customer). A customer Google will not read for this user is
   * listed with Google's words, not dropped; a customer both reached directly and through a manager
   * is listed once, directly.
   */
  private async reachable(operator: GoogleOperatorCredentials, refreshToken: Secret): Promise<{ customers: GoogleCustomer[]; more: number }> {
    const fetch = this.deps.fetch ?? ((url, init) => globalThis.fetch(url, init));
    const tokens = new GoogleAccessTokens({ refreshToken, client: operator.client, endpoints: this.deps.oauthEndpoints, fetch, clock: systemClock });
    const accessToken = async () => (await tokens.accessToken()).reveal();
    const developerToken = operator.developerToken?.reveal();
    const baseUrl = this.deps.apiBase ?? GOOGLE_ADS_BASE;
    const quota = new OperationsQuota(systemClock, operator.accessLevel ?? 'explorer');
    const clientOf = (customerId: string, loginCustomerId?: string) =>
      new GoogleAdsClient({
        fetch,
        accessToken,
        customerId,
        developerToken,
        loginCustomerId,
        baseUrl,
        quota,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        log: (line) => this.deps.log(line),
      });
    const ids = await listAccessibleCustomers({ fetch, accessToken, developerToken, baseUrl });
    const direct: GoogleCustomer[] = [];
    const below: GoogleCustomer[] = [];
    for (const id of ids.slice(0, READ)) {
      let customer;
      try {
        customer = await readCustomer(clientOf(id));
      } catch (error) {
        if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') throw error;
        direct.push({ id, name: `customer ${dashedCustomerId(id)}`, currency: '', timezone: '', manager: false, problem: (error as Error).message });
        continue;
      }
      const listing: GoogleCustomer = { id, name: customer.name, currency: customer.currency, timezone: customer.zone.id, manager: customer.manager };
      direct.push(listing);
      if (!customer.manager) continue;
      try {
        for (const client of await listClientAccounts(clientOf(id, id))) {
          const entry: GoogleCustomer = {
            id: client.id,
            name: client.name,
            currency: client.currency ?? '',
            timezone: client.timeZone ?? '',
            manager: client.manager,
            loginCustomerId: id,
            managerName: customer.name,
          };
          const problem = client.manager ? undefined : problemOf(entry, client.status);
          below.push(problem === undefined ? entry : { ...entry, problem });
        }
      } catch (error) {
        if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') throw error;
        listing.problem = `its client accounts could not be listed: ${(error as Error).message}`;
      }
    }
    const seen = new Set<string>();
    const customers = [...direct, ...below].filter((c) => !seen.has(c.id) && seen.add(c.id));
    return { customers: customers.slice(0, LISTED), more: Math.max(0, customers.length - LISTED) + Math.max(0, ids.length - READ) };
  }
}

/** A client account the app cannot keep a record of, or that runs nothing any more. */
function problemOf(customer: GoogleCustomer, status: string | undefined): string | undefined {
  if (status !== undefined && status !== 'ENABLED') return `Google gives its status as ${status}`;
  if (!isCurrency(customer.currency)) return `Google gives its currency as '${customer.currency}', which is not an ISO 4217 code`;
  if (!isTimeZone(customer.timezone)) return `Google gives its time zone as '${customer.timezone}', which is not an IANA zone`;
  return undefined;
}
