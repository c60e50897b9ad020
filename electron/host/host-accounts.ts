import { AcmError } from '@shared/errors';
import type { AcceleratedClock } from '@shared/time';
import type { AccountFactory, AccountRequest, HostAccount } from './default-account';
import { GOOGLE_PLATFORM, openGoogleAccount, type GoogleConnectOptions } from './google-account';
import { googleLoginEntry } from './google-connect';
import { META_PLATFORM, openMetaAccount, type MetaConnectOptions } from './meta-account';
import type { AccountConnect } from './workspace-registry';

export const HOST_PLATFORMS = ['sandbox', 'meta', 'google'] as const;
export type HostPlatform = (typeof HOST_PLATFORMS)[number];

export interface HostAccountChoice {
  /** The home workspace's platform on a new database; on one already connected, what it must be (undefined: whatever it is). */
  platform?: HostPlatform;
  /** How the sandbox account of a workspace opens. */
  sandbox: AccountFactory;
  /** How Meta is reached and where its token is found: for any workspace whose account is a Meta one. */
  meta: MetaConnectOptions;
  /** How Google Ads is reached and where its credentials are found; absent where no Google account can be served. */
  google?: GoogleConnectOptions;
  /** The clock of a Meta or Google account: real time unless the host was told a speed (for a fake). */
  metaClock(startMs: number): AcceleratedClock;
}

/**
 * Which account a workspace opens: the one its database is connected to, whatever the flags; a
 * new workspace's from what it is asked to connect to (its sandbox when nothing); a new home
 * database's from `platform`. A home database connected to another platform than the one asked
 * for is refused rather than silently served.
 */
export function openHostAccount(choice: HostAccountChoice, request: AccountRequest & { workspaceId: number; connect?: AccountConnect }): Promise<HostAccount> {
  const accounts = request.store.accounts.list();
  const home = request.workspaceId === 1;
  if (request.connect?.platform === 'google' && accounts.length === 0) {
    const { customerId, loginCustomerId } = request.connect;
    return openGoogle(choice, request, customerId, { loginCustomerId });
  }
  if (request.connect?.platform === 'meta' && accounts.length === 0) {
    const { accountId, conversionAction } = request.connect;
    return openMetaAccount({ ...request, startClock: (startMs) => choice.metaClock(startMs) }, { ...choice.meta, accountId, conversionAction });
  }
  const connected = accounts.some((a) => a.platform === META_PLATFORM)
    ? 'meta'
    : accounts.some((a) => a.platform === GOOGLE_PLATFORM)
      ? 'google'
      : accounts.length > 0
        ? 'sandbox'
        : undefined;
  const platform: HostPlatform = connected ?? (home && !request.overrides ? (choice.platform ?? 'sandbox') : 'sandbox');
  if (home && choice.platform !== undefined && choice.platform !== platform) {
    const own = accounts.find((a) => a.platform === platform);
    throw new AcmError(
      'CONFLICT',
      `${request.store.path} is connected to the ${platform} account "${own?.name ?? '?'}", not to ${choice.platform}; another account needs another --db`,
      { path: 'platform' },
    );
  }
  // --api-base stays meaningful on a sandbox home: it is where "Connect Meta account" reaches Meta.
  if (home && platform === 'sandbox' && choice.meta.accountId !== undefined) {
    throw new AcmError('CONFLICT', `--account is for a Meta account; ${request.store.path} is served with the sandbox (add --platform meta on a new --db)`, {
      path: 'platform',
    });
  }
  if (home && platform === 'sandbox' && choice.google?.customerId !== undefined) {
    throw new AcmError(
      'CONFLICT',
      `--customer-id is for a Google Ads account; ${request.store.path} is served with the sandbox (add --platform google on a new --db)`,
      {
        path: 'platform',
      },
    );
  }
  if (platform === 'google') {
    // The home database is served with the flags' customer (checked against its own); another workspace with the customer it was connected to.
    const stored = accounts.find((a) => a.platform === GOOGLE_PLATFORM)?.externalId;
    return openGoogle(
      choice,
      request,
      home ? (choice.google?.customerId ?? stored) : stored,
      home ? { loginCustomerId: choice.google?.loginCustomerId } : 'kept',
    );
  }
  if (platform === 'meta') return openMetaAccount({ ...request, startClock: (startMs) => choice.metaClock(startMs) }, choice.meta);
  return choice.sandbox(request);
}

/**
 * A Google Ads customer with the options of its own workspace: the manager it is reached through
 * (the flags' for the home database, the connect dialog's for a new workspace, else as the dialog
 * kept it in the vault: 'kept'), and the access level stated with the operator's client in the app.
 */
async function openGoogle(
  choice: HostAccountChoice,
  request: AccountRequest & { workspaceId: number },
  customerId: string | undefined,
  login: { loginCustomerId?: string } | 'kept',
): Promise<HostAccount> {
  const google = choice.google;
  if (!google) throw new AcmError('UNAVAILABLE', `${request.store.path} is connected to Google Ads, which this host does not serve`);
  const kept = login === 'kept' && customerId !== undefined ? await google.keyring.read(googleLoginEntry(customerId)).catch(() => undefined) : undefined;
  const loginCustomerId = login === 'kept' ? (kept === '' ? undefined : kept) : login.loginCustomerId;
  const level = await google.operator?.().then(
    (operator) => operator.accessLevel,
    // Said by openGoogleAccount, which asks again.
    () => undefined,
  );
  const options: GoogleConnectOptions = {
    ...google,
    customerId,
    loginCustomerId,
    accessLevel: level ?? google.accessLevel,
  };
  return openGoogleAccount({ ...request, startClock: (startMs) => choice.metaClock(startMs) }, options);
}
