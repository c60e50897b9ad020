import { AcmError } from '@shared/errors';
import type { Keyring } from './keyring';
import { Secret } from './secret';

/** The environment variable the headless host reads a Google refresh token from, before the keyring. */
export const GOOGLE_REFRESH_TOKEN_ENV = 'ACM_GOOGLE_REFRESH_TOKEN';

/** Where the headless host looks for a Google refresh token: its environment, then the operating system's keyring. Never a file. */
export interface GoogleRefreshTokenSources {
  env: Record<string, string | undefined>;
  keyring: Keyring;
}

export interface GoogleCredential {
  refreshToken: Secret;
  /** Where it was found, for messages: "ACM_GOOGLE_REFRESH_TOKEN", or the keyring entry. */
  from: string;
}

/** The keyring entry of one customer's refresh token ("google:1234567890"), or of the one for every customer ("google"). */
export function googleKeyringEntry(customerId?: string): string {
  if (customerId !== undefined && !/^\d{10}$/.test(customerId))
    throw new AcmError('INVALID_INPUT', `"${customerId}" is not a Google Ads customer id (ten digits)`);
  return customerId === undefined ? 'google' : `google:${customerId}`;
}

const MAX_TOKEN_LENGTH = 2048;

/** A refresh token fit to send: printable, without spaces. Says where it came from, never what it is. */
export function checkedRefreshToken(text: string, from: string): Secret {
  const token = text.trim();
  if (token === '') throw new AcmError('INVALID_INPUT', `the Google refresh token from ${from} is empty`);
  if (token.length > MAX_TOKEN_LENGTH)
    throw new AcmError('INVALID_INPUT', `the Google refresh token from ${from} is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new AcmError('INVALID_INPUT', `the Google refresh token from ${from} holds spaces or characters a refresh token never has`);
  return new Secret(token);
}

/**
 * The refresh token for a Google Ads customer: ACM_GOOGLE_REFRESH_TOKEN when it is set (it wins,
 * as ACM_META_TOKEN does), else the keyring entry of that customer, else the entry for every
 * customer (one Google sign-in reaches all the customers its user may see).
 */
export async function findGoogleRefreshToken(sources: GoogleRefreshTokenSources, customerId?: string): Promise<GoogleCredential> {
  const fromEnv = sources.env[GOOGLE_REFRESH_TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { refreshToken: checkedRefreshToken(fromEnv, GOOGLE_REFRESH_TOKEN_ENV), from: GOOGLE_REFRESH_TOKEN_ENV };
  const entries = customerId === undefined ? [googleKeyringEntry()] : [googleKeyringEntry(customerId), googleKeyringEntry()];
  for (const entry of entries) {
    let found: string | undefined;
    try {
      found = await sources.keyring.read(entry);
    } catch (error) {
      throw new AcmError('UNAVAILABLE', `no Google refresh token: ${GOOGLE_REFRESH_TOKEN_ENV} is not set and ${(error as Error).message}`);
    }
    if (found !== undefined && found !== '') {
      const from = `the keyring entry "${entry}"`;
      return { refreshToken: checkedRefreshToken(found, from), from };
    }
  }
  throw new AcmError(
    'UNAVAILABLE',
    `no Google refresh token: ${GOOGLE_REFRESH_TOKEN_ENV} is not set and the keyring has no entry ${entries.map((e) => `"${e}"`).join(' nor ')}; ` +
      `connect the Google Ads account from the app or set ${GOOGLE_REFRESH_TOKEN_ENV}`,
  );
}
