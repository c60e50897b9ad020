import { AcmError } from '@shared/errors';
import type { MetaAdAccount, MetaTokenCheck } from '@shared/ipc/channels/meta-connect';
import { systemClock } from '@shared/time';
import { isCurrency } from '@shared/money';
import { isTimeZone } from '@shared/zone';
import { GraphClient, type FetchLike } from '@platforms/meta/graph-client';
import { accountStatusText } from '@platforms/meta/meta-account';
import { accessOf, readPermissions } from '@platforms/meta/token-access';
import { PlatformError } from '@shared/platform/adapter';
import { checkedToken, META_TOKEN_ENV, metaKeyringEntry } from './credentials/meta-token';
import type { ConnectedIn } from './connected-in';
import type { CredentialVault } from './credentials/vault';

/** How many ad accounts the dialog lists: an agency's token may reach hundreds. */
const LISTED = 200;

interface AdAccountListing {
  id: string;
  name?: string;
  currency: string;
  timezone_name: string;
  account_status: number;
  user_tasks?: string[];
}

export interface MetaConnectorDeps {
  /** Scheme and host of the Graph API (Meta's own, or a fake's). */
  apiBase: string;
  fetch: FetchLike;
  vault: CredentialVault;
  /** The headless host's ACM_META_TOKEN: a token it already has from its environment needs no keeping, and finds it there at every start. */
  envToken?: string;
  log(message: string): void;
}

const FROM_ENVIRONMENT = { available: true, protected: true, where: `the environment of this host (${META_TOKEN_ENV}): nothing is stored` };

/**
 * The first half of "Connect Meta account": what a pasted token is and reaches, asked of Meta with
 * the token alone, and where it would be kept. Meta's refusal of the token is said in Meta's
 * words (never with the token); nothing is stored until `store`.
 */
export class MetaConnector {
  constructor(private readonly deps: MetaConnectorDeps) {}

  async check(text: string, connectedIn: ConnectedIn): Promise<MetaTokenCheck> {
    const token = checkedToken(text, 'the connect dialog');
    const client = new GraphClient({
      fetch: this.deps.fetch,
      token: token.reveal(),
      baseUrl: this.deps.apiBase,
      clock: systemClock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log: (line) => this.deps.log(line),
    });
    try {
      const user = await client.get<{ id: string; name?: string }>('me', { fields: ['id', 'name'] });
      const grants = await readPermissions(client);
      const listed = await client.getAll<AdAccountListing>('me/adaccounts', {
        fields: ['id', 'name', 'currency', 'timezone_name', 'account_status', 'user_tasks'],
      });
      const accounts = listed.slice(0, LISTED).map((row) => {
        const access = accessOf(grants, { id: row.id, userTasks: row.user_tasks });
        const account: MetaAdAccount = {
          id: row.id,
          name: row.name ?? row.id,
          currency: row.currency,
          timezone: row.timezone_name,
          status: accountStatusText(row.account_status),
          canManage: access.canManage,
        };
        const connected = connectedIn(row.id);
        if (connected !== undefined) account.workspaceId = connected.workspaceId;
        if (connected?.needsReconnecting) account.needsReconnecting = true;
        const problem = problemOf(row);
        if (problem !== undefined) account.problem = problem;
        return account;
      });
      return {
        user: { id: user.id, name: user.name ?? user.id },
        permissions: accessOf(grants).permissions,
        accounts,
        more: Math.max(0, listed.length - LISTED),
        storage: this.fromEnvironment(token.reveal()) ? FROM_ENVIRONMENT : await this.deps.vault.storage(),
      };
    } catch (error) {
      if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') {
        throw new AcmError('FORBIDDEN', `Meta refused the token: ${error.message}`, { path: 'token' });
      }
      throw error;
    }
  }

  /**
   * Keeps the token for `accountId` in the vault; refuses an unprotected vault unless the operator
   * said to store anyway. Returns how to take it back (a connection that then fails leaves nothing).
   */
  async store(text: string, accountId: string, storeUnprotected: boolean): Promise<() => Promise<void>> {
    const token = checkedToken(text, 'the connect dialog').reveal();
    if (this.fromEnvironment(token)) return async () => undefined;
    const storage = await this.deps.vault.storage();
    if (!storage.available) throw new AcmError('UNAVAILABLE', storage.warning ?? `${storage.where} cannot keep the token`);
    if (!storage.protected && !storeUnprotected) {
      throw new AcmError('CONFLICT', storage.warning ?? `${storage.where} does not protect the token`, { path: 'storeUnprotected' });
    }
    const entry = metaKeyringEntry(accountId);
    const before = await this.deps.vault.read(entry);
    await this.deps.vault.write(entry, token);
    return async () => {
      if (before === undefined) await this.deps.vault.remove(entry);
      else await this.deps.vault.write(entry, before);
    };
  }

  private fromEnvironment(token: string): boolean {
    return this.deps.envToken !== undefined && this.deps.envToken !== '' && token === this.deps.envToken;
  }
}

/** An account the app cannot keep a record of: amounts in an unknown currency, days in an unknown zone. */
function problemOf(row: AdAccountListing): string | undefined {
  if (!isCurrency(row.currency)) return `Meta gives its currency as '${row.currency}', which is not an ISO 4217 code`;
  if (!isTimeZone(row.timezone_name)) return `Meta gives its time zone as '${row.timezone_name}', which is not an IANA zone`;
  return undefined;
}
