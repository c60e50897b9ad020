import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { osKeyring, type Keyring } from '@host/credentials/keyring';
import { checkedToken, META_TOKEN_ENV, metaKeyringEntry } from '@host/credentials/meta-token';
import { checkedRefreshToken, GOOGLE_REFRESH_TOKEN_ENV, googleKeyringEntry } from '@host/credentials/google-refresh-token';
import type { OAuthFetch } from '@host/google-oauth/token-endpoint';
import { parseAccountId } from './meta-flags';
import { createGoogleConnectCommand } from './google-connect';
import { parseCustomerId } from './google-flags';

export interface CredentialsDeps {
  /** The operating system's keyring by default. */
  keyring?: Keyring;
  /** Reads the token: typed without echo on a terminal, else the whole of standard input. */
  readSecret?: (prompt: string) => Promise<string>;
  /** Where ACM_GOOGLE_CLIENT_ID and ACM_GOOGLE_CLIENT_SECRET are read (the process's environment by default). */
  env?: Record<string, string | undefined>;
  /** Node's fetch by default: how `connect google` reaches the token endpoint. */
  fetch?: OAuthFetch;
}

/** A line typed on the terminal, not shown as it is typed. */
function readHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new UsageError('cancelled; nothing was stored'));
          return;
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) return readHidden(prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Platform = 'meta' | 'google';

/** What each platform's credential is called, how it is checked, and the variable that wins over the keyring. */
const KINDS = {
  meta: { what: 'Meta token', prompt: 'Meta System User token (not shown): ', check: checkedToken, env: META_TOKEN_ENV },
  google: { what: 'Google refresh token', prompt: 'Google OAuth refresh token (not shown): ', check: checkedRefreshToken, env: GOOGLE_REFRESH_TOKEN_ENV },
} as const;

/** The platform a call names, and its entry: `meta` (one ad account with --account) or `google` (one customer with --customer-id). */
function entryOf(args: ParsedArgs): { platform: Platform; entry: string } {
  const platform = args.positionals[0];
  if (args.positionals.length !== 1 || (platform !== 'meta' && platform !== 'google')) {
    throw new UsageError(
      `expects the platform whose token it is: 'meta' or 'google' (got ${args.positionals.length === 0 ? 'none' : `'${args.positionals.join(' ')}'`})`,
    );
  }
  const values = args.values as Record<string, string | undefined>;
  if (platform === 'meta') {
    if (values['customer-id'] !== undefined) throw new UsageError('--customer-id is for google');
    return { platform, entry: metaKeyringEntry(values.account === undefined ? undefined : parseAccountId(values.account)) };
  }
  if (values.account !== undefined) throw new UsageError('--account is for meta; a Google Ads customer is named with --customer-id');
  const customer = values['customer-id'];
  return { platform, entry: googleKeyringEntry(customer === undefined ? undefined : parseCustomerId('customer-id', customer)) };
}

const accountOption = { account: { type: 'string' }, 'customer-id': { type: 'string' } } as const;

/**
 * `acm credentials set|delete meta|google`: the Meta token or the Google refresh token of the
 * headless host, kept in the operating system's keyring (never a file). The token is read from
 * standard input, so it never shows in the shell's history or the process list, and it is never
 * printed back. `acm credentials connect google` signs in instead of pasting.
 */
export function createCredentialsCommands(deps: CredentialsDeps = {}): Command[] {
  const keyring = () => deps.keyring ?? osKeyring();
  const set: Command = {
    name: 'credentials set',
    summary: "Store a Meta System User token or a Google refresh token in the operating system's keyring, for acm serve",
    usage: [
      'acm credentials set meta [--account act_ID]',
      'acm credentials set google [--customer-id ID]',
      '',
      'Reads the token from standard input (typed without echo on a terminal, or piped). Without',
      '--account (--customer-id) it serves every ad account (customer); with it, that one only.',
      'ACM_META_TOKEN (ACM_GOOGLE_REFRESH_TOKEN), when set, wins.',
    ].join('\n'),
    options: accountOption,
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const { platform, entry } = entryOf(args);
      const kind = KINDS[platform];
      const text = await (deps.readSecret ?? readSecret)(kind.prompt);
      const token = kind.check(text, 'standard input');
      await keyring().write(entry, token.reveal());
      io.out(`Stored the ${kind.what} in the keyring entry "${entry}". acm serve --platform ${platform} uses it unless ${kind.env} is set.`);
      return 0;
    },
  };
  const remove: Command = {
    name: 'credentials delete',
    summary: "Remove a Meta token or a Google refresh token from the operating system's keyring",
    usage: 'acm credentials delete meta [--account act_ID]\nacm credentials delete google [--customer-id ID]',
    options: accountOption,
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const { entry } = entryOf(args);
      const removed = await keyring().remove(entry);
      io.out(removed ? `Removed the keyring entry "${entry}".` : `The keyring has no entry "${entry}"; nothing to remove.`);
      return 0;
    },
  };
  return [set, remove, createGoogleConnectCommand({ keyring, env: deps.env, fetch: deps.fetch })];
}

export const credentialsCommands = createCredentialsCommands();
