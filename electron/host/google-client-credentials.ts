import { AcmError } from '@shared/errors';
import type { AccessLevel } from '@platforms/google/operations-quota';
import { Secret } from './credentials/secret';
import type { GoogleOAuthClient } from './google-oauth/token-endpoint';

/** The environment variables the headless host reads the operator's Google credentials from (never the database, never a flag). */
export const GOOGLE_CLIENT_ID_ENV = 'ACM_GOOGLE_CLIENT_ID';
export const GOOGLE_CLIENT_SECRET_ENV = 'ACM_GOOGLE_CLIENT_SECRET';
export const GOOGLE_DEVELOPER_TOKEN_ENV = 'ACM_GOOGLE_DEVELOPER_TOKEN';

/** What the operator's Google Cloud project gives the host: its OAuth client, and the developer token when one is configured. */
export interface GoogleOperatorCredentials {
  client: GoogleOAuthClient;
  developerToken?: Secret;
  /** The developer token's access level, where the operator stated it with the client (the app's "Connect Google Ads account"). */
  accessLevel?: AccessLevel;
}

const present = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text.trim());

/**
 * The operator's OAuth client (a "Desktop app" client of their Google Cloud project) and developer
 * token, from the environment. A missing one is named with where to put it; no value is ever
 * repeated, so that a message cannot leak the secret half of a pair.
 */
export function googleOperatorCredentials(env: Record<string, string | undefined>): GoogleOperatorCredentials {
  const clientId = present(env[GOOGLE_CLIENT_ID_ENV]);
  const clientSecret = present(env[GOOGLE_CLIENT_SECRET_ENV]);
  const missing = [clientId === undefined && GOOGLE_CLIENT_ID_ENV, clientSecret === undefined && GOOGLE_CLIENT_SECRET_ENV].filter(Boolean);
  if (clientId === undefined || clientSecret === undefined) {
    throw new AcmError(
      'UNAVAILABLE',
      `no Google OAuth client: set ${missing.join(' and ')} to the client id and secret of your own OAuth client ` +
        `(type "Desktop app", under APIs & Services > Credentials of your Google Cloud project)`,
    );
  }
  const developerToken = present(env[GOOGLE_DEVELOPER_TOKEN_ENV]);
  return {
    client: { clientId, clientSecret: new Secret(clientSecret) },
    ...(developerToken !== undefined && { developerToken: new Secret(developerToken) }),
  };
}
