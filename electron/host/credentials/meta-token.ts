import { AcmError } from '@shared/errors';
import { META_TOKEN_ENV } from '@platforms/meta/fake/fake-token';
import type { Keyring } from './keyring';
import { Secret } from './secret';

export { META_TOKEN_ENV };

/** Where the headless host looks for a Meta token: its environment, then the operating system's keyring. Never a file. */
export interface MetaTokenSources {
  env: Record<string, string | undefined>;
  keyring: Keyring;
}

export interface MetaCredential {
  token: Secret;
  /** Where it was found, for messages: "ACM_META_TOKEN", or the keyring entry. */
  from: string;
}

/** The keyring entry of one ad account's token ("meta:act_123"), or of the token for every account ("meta"). */
export function metaKeyringEntry(accountId?: string): string {
  return accountId === undefined ? 'meta' : `meta:${accountId}`;
}

const MAX_TOKEN_LENGTH = 4096;

/** A token fit to send: printable, without spaces (a pasted line break is the usual slip). Says where it came from, never what it is. */
export function checkedToken(text: string, from: string): Secret {
  const token = text.trim();
  if (token === '') throw new AcmError('INVALID_INPUT', `the Meta token from ${from} is empty`);
  if (token.length > MAX_TOKEN_LENGTH) throw new AcmError('INVALID_INPUT', `the Meta token from ${from} is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new AcmError('INVALID_INPUT', `the Meta token from ${from} holds spaces or characters an access token never has`);
  return new Secret(token);
}

/**
 * The Meta token for an ad account: ACM_META_TOKEN when it is set (it wins, so that a shell can
 * try a token without touching the keyring), else the keyring entry of that account, else the
 * keyring's entry for every account. A keyring that cannot be reached is said as such; the
 * environment variable still works without one.
 */
export async function findMetaToken(sources: MetaTokenSources, accountId?: string): Promise<MetaCredential> {
  const fromEnv = sources.env[META_TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { token: checkedToken(fromEnv, META_TOKEN_ENV), from: META_TOKEN_ENV };
  const entries = accountId === undefined ? [metaKeyringEntry()] : [metaKeyringEntry(accountId), metaKeyringEntry()];
  for (const entry of entries) {
    let found: string | undefined;
    try {
      found = await sources.keyring.read(entry);
    } catch (error) {
      throw new AcmError('UNAVAILABLE', `no Meta token: ${META_TOKEN_ENV} is not set and ${(error as Error).message}`);
    }
    if (found !== undefined && found !== '') {
      const from = `the keyring entry "${entry}"`;
      return { token: checkedToken(found, from), from };
    }
  }
  throw new AcmError(
    'UNAVAILABLE',
    `no Meta token: ${META_TOKEN_ENV} is not set and the keyring has no entry ${entries.map((e) => `"${e}"`).join(' nor ')}; ` +
      `store one with "acm credentials set meta${accountId === undefined ? '' : ` --account ${accountId}`}" or set ${META_TOKEN_ENV}`,
  );
}
