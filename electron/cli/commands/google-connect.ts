import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import type { Keyring } from '@host/credentials/keyring';
import { GOOGLE_REFRESH_TOKEN_ENV, googleKeyringEntry } from '@host/credentials/google-refresh-token';
import { googleOperatorCredentials } from '@host/google-client-credentials';
import { connectGoogle } from '@host/google-oauth/connect-google';
import { fakeGoogleOAuthEndpoints } from '@host/google-oauth/endpoints';
import type { OAuthFetch } from '@host/google-oauth/token-endpoint';
import { parseApiBase } from './meta-flags';
import { parseCustomerId } from './google-flags';

export interface GoogleConnectDeps {
  keyring: () => Keyring;
  /** Where ACM_GOOGLE_CLIENT_ID and ACM_GOOGLE_CLIENT_SECRET are read (the process's environment by default). */
  env?: Record<string, string | undefined>;
  fetch?: OAuthFetch;
}

/**
 * `acm credentials connect google`: the desktop's OAuth sign-in from a terminal. The command line
 * has no browser of its own, so it prints the consent page's address for the person to open on
 * this machine (the loopback redirect only answers here), then keeps the refresh token Google
 * grants in the keyring. Nothing of it is printed.
 */
export function createGoogleConnectCommand(deps: GoogleConnectDeps): Command {
  return {
    name: 'credentials connect',
    summary: "Sign in to Google Ads in the browser and keep the refresh token in the operating system's keyring",
    usage: [
      'acm credentials connect google [--customer-id ID] [--oauth-base URL]',
      '',
      'Needs ACM_GOOGLE_CLIENT_ID and ACM_GOOGLE_CLIENT_SECRET: your own OAuth client (type "Desktop',
      'app") of the Google Cloud project your developer token belongs to. Prints an address to open in',
      'a browser on this computer; once you consent, the refresh token goes to the keyring entry',
      '"google" (every customer the Google user reaches) or "google:ID" with --customer-id.',
      '--oauth-base points it at the OAuth endpoints of acm fake-platform google, for a demo.',
    ].join('\n'),
    options: { 'customer-id': { type: 'string' }, 'oauth-base': { type: 'string' } },
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      if (args.positionals.length !== 1 || args.positionals[0] !== 'google') {
        throw new UsageError(
          `expects the platform to sign in to: 'google' (got ${args.positionals.length === 0 ? 'none' : `'${args.positionals.join(' ')}'`})`,
        );
      }
      const values = args.values as Record<string, string | undefined>;
      const customer = values['customer-id'];
      const entry = googleKeyringEntry(customer === undefined ? undefined : parseCustomerId('customer-id', customer));
      const oauthBase = values['oauth-base'] === undefined ? undefined : parseApiBase(values['oauth-base'], 'oauth-base');
      const { client } = googleOperatorCredentials(deps.env ?? process.env);
      const connection = await connectGoogle({
        client,
        endpoints: oauthBase === undefined ? undefined : fakeGoogleOAuthEndpoints(oauthBase),
        fetch: deps.fetch,
        openExternal: async (url) => {
          io.out('Open this address in a browser on this computer and consent to Google Ads access:');
          io.out(url);
        },
      });
      await deps.keyring().write(entry, connection.refreshToken.reveal());
      io.out(`Stored the Google refresh token in the keyring entry "${entry}". acm serve --platform google uses it unless ${GOOGLE_REFRESH_TOKEN_ENV} is set.`);
      return 0;
    },
  };
}
