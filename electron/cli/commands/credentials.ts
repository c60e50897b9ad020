import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { osKeyring, type Keyring } from '@host/credentials/keyring';
import { checkedToken, META_TOKEN_ENV, metaKeyringEntry } from '@host/credentials/meta-token';
import { parseAccountId } from './meta-flags';

export interface CredentialsDeps {
  /** The operating system's keyring by default. */
  keyring?: Keyring;
  /** Reads the token: typed without echo on a terminal, else the whole of standard input. */
  readSecret?: (prompt: string) => Promise<string>;
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

/** The entry a call names: `meta`, for one ad account with --account. */
function entryOf(args: ParsedArgs): string {
  if (args.positionals.length !== 1 || args.positionals[0] !== 'meta') {
    throw new UsageError(`expects the platform whose token it is: 'meta' (got ${args.positionals.length === 0 ? 'none' : `'${args.positionals.join(' ')}'`})`);
  }
  const account = (args.values as Record<string, string | undefined>).account;
  return metaKeyringEntry(account === undefined ? undefined : parseAccountId(account));
}

const accountOption = { account: { type: 'string' } } as const;

/**
 * `acm credentials set|delete meta [--account act_ID]`: the Meta token of the headless host, kept
 * in the operating system's keyring (never a file). The token is read from standard input, so it
 * never shows in the shell's history or the process list, and it is never printed back.
 */
export function createCredentialsCommands(deps: CredentialsDeps = {}): Command[] {
  const keyring = () => deps.keyring ?? osKeyring();
  const set: Command = {
    name: 'credentials set',
    summary: "Store a Meta System User token in the operating system's keyring, for acm serve --platform meta",
    usage: [
      'acm credentials set meta [--account act_ID]',
      '',
      'Reads the token from standard input (typed without echo on a terminal, or piped). Without',
      '--account it serves every ad account; with it, that one only. ACM_META_TOKEN, when set, wins.',
    ].join('\n'),
    options: accountOption,
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const entry = entryOf(args);
      const text = await (deps.readSecret ?? readSecret)('Meta System User token (not shown): ');
      const token = checkedToken(text, 'standard input');
      await keyring().write(entry, token.reveal());
      io.out(`Stored the Meta token in the keyring entry "${entry}". acm serve --platform meta uses it unless ${META_TOKEN_ENV} is set.`);
      return 0;
    },
  };
  const remove: Command = {
    name: 'credentials delete',
    summary: "Remove a Meta token from the operating system's keyring",
    usage: 'acm credentials delete meta [--account act_ID]',
    options: accountOption,
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const entry = entryOf(args);
      const removed = await keyring().remove(entry);
      io.out(removed ? `Removed the keyring entry "${entry}".` : `The keyring has no entry "${entry}"; nothing to remove.`);
      return 0;
    },
  };
  return [set, remove];
}

export const credentialsCommands = createCredentialsCommands();
