import { AcmError } from '@shared/errors';
import type { GoogleClientStatus } from '@shared/ipc/channels/google-connect';
import type { ParsedRequestOf } from '@shared/ipc/contract';
import type { AccessLevel } from '@platforms/google/operations-quota';
import { Secret } from './credentials/secret';
import type { CredentialVault } from './credentials/vault';
import {
  GOOGLE_CLIENT_ID_ENV,
  GOOGLE_CLIENT_SECRET_ENV,
  GOOGLE_DEVELOPER_TOKEN_ENV,
  googleOperatorCredentials,
  type GoogleOperatorCredentials,
} from './google-client-credentials';

/**
 * The vault entry that holds the operator's OAuth client, developer token and access level, as one
 * JSON text: they are replaced together, so that a secret never pairs with another client's id.
 */
export const GOOGLE_CLIENT_ENTRY = 'google_client';

interface StoredClient {
  clientId: string;
  clientSecret: string;
  developerToken?: string;
  accessLevel: AccessLevel;
}

export interface GoogleOperatorSource {
  /** The client to sign in and call Google with; refused naming what to configure (never a value) when there is none. */
  credentials(): Promise<GoogleOperatorCredentials>;
  status(): Promise<GoogleClientStatus>;
  save(request: ParsedRequestOf<'workspaces.saveGoogleClient'>): Promise<GoogleClientStatus>;
}

export interface GoogleOperatorDeps {
  vault: CredentialVault;
  /** The headless host's environment: ACM_GOOGLE_CLIENT_ID and _SECRET there win over the vault, as ACM_META_TOKEN does. The app passes none. */
  env?: Record<string, string | undefined>;
  /** The access level `acm serve --access-level` stated, for a client from the environment. */
  accessLevel?: AccessLevel;
}

const present = (text: string | undefined) => text !== undefined && text.trim() !== '';

/**
 * The operator's own Google OAuth client ("Desktop app" type) as the app keeps it: given once in
 * the connect dialog, kept in the credential vault (the keychain-sealed files in the app, the OS
 * keyring under `acm serve`), never in a database. Its id may be said back; the secret and the
 * developer token only whether there is one.
 */
export function googleOperatorSource(deps: GoogleOperatorDeps): GoogleOperatorSource {
  const env = deps.env ?? {};
  const fromEnvironment = () => present(env[GOOGLE_CLIENT_ID_ENV]) || present(env[GOOGLE_CLIENT_SECRET_ENV]);
  const stored = async (): Promise<StoredClient | undefined> => {
    const text = await deps.vault.read(GOOGLE_CLIENT_ENTRY);
    if (text === undefined || text === '') return undefined;
    try {
      const parsed = JSON.parse(text) as Partial<StoredClient>;
      if (typeof parsed.clientId === 'string' && typeof parsed.clientSecret === 'string') {
        return { ...parsed, accessLevel: parsed.accessLevel === 'basic' ? 'basic' : 'explorer' } as StoredClient;
      }
    } catch {
      // Said below, without the text.
    }
    throw new AcmError('UNAVAILABLE', `the Google OAuth client kept in the entry "${GOOGLE_CLIENT_ENTRY}" cannot be read: enter it again`);
  };

  const source: GoogleOperatorSource = {
    async credentials() {
      if (fromEnvironment()) return { ...googleOperatorCredentials(env), accessLevel: deps.accessLevel };
      const client = await stored();
      if (!client) {
        throw new AcmError(
          'UNAVAILABLE',
          'no Google OAuth client is configured: enter the client id and secret of your own OAuth client (type "Desktop app", ' +
            'under APIs & Services > Credentials of your Google Cloud project) in "Connect Google Ads account"',
        );
      }
      return {
        client: { clientId: client.clientId, clientSecret: new Secret(client.clientSecret) },
        ...(client.developerToken !== undefined && { developerToken: new Secret(client.developerToken) }),
        accessLevel: client.accessLevel,
      };
    },

    async status() {
      const storage = await deps.vault.storage();
      if (fromEnvironment()) {
        const level = deps.accessLevel ?? 'explorer';
        const clientId = env[GOOGLE_CLIENT_ID_ENV]?.trim();
        return {
          configured: present(clientId) && present(env[GOOGLE_CLIENT_SECRET_ENV]),
          ...(present(clientId) && { clientId }),
          developerToken: present(env[GOOGLE_DEVELOPER_TOKEN_ENV]),
          accessLevel: level,
          from: `the environment of this host (${GOOGLE_CLIENT_ID_ENV}, ${GOOGLE_CLIENT_SECRET_ENV}): it wins over a client saved here`,
          storage,
        };
      }
      const client = storage.available ? await stored() : undefined;
      if (!client) return { configured: false, developerToken: false, accessLevel: 'explorer', storage };
      return {
        configured: true,
        clientId: client.clientId,
        developerToken: client.developerToken !== undefined,
        accessLevel: client.accessLevel,
        from: storage.where,
        storage,
      };
    },

    async save(request) {
      const storage = await deps.vault.storage();
      if (!storage.available) throw new AcmError('UNAVAILABLE', storage.warning ?? `${storage.where} cannot keep the client secret`);
      if (!storage.protected && !request.storeUnprotected) {
        throw new AcmError('CONFLICT', storage.warning ?? `${storage.where} does not protect the client secret`, { path: 'storeUnprotected' });
      }
      const client: StoredClient = {
        clientId: request.clientId,
        clientSecret: request.clientSecret,
        ...(request.developerToken !== undefined && { developerToken: request.developerToken }),
        accessLevel: request.accessLevel,
      };
      await deps.vault.write(GOOGLE_CLIENT_ENTRY, JSON.stringify(client));
      return source.status();
    },
  };
  return source;
}
