import * as oauth from 'oauth4webapi';
import { AcmError } from '@shared/errors';
import { ADWORDS_SCOPE } from '@platforms/google/fake/fake-oauth';
import type { Secret } from '../credentials/secret';
import { LoopbackRedirect } from './loopback-redirect';
import { GoogleTokenEndpoint, type TokenEndpointOptions } from './token-endpoint';

export interface ConnectGoogleOptions extends TokenEndpointOptions {
  /** Opens the consent page in the system browser (Electron's shell.openExternal in the app), never in a window of the app. */
  openExternal(url: string): Promise<void>;
  /** Cancels the wait for the browser (the operator closed the dialog). Ten minutes by default. */
  signal?: AbortSignal;
}

export interface GoogleConnection {
  /** For the caller to keep in the keychain at once: it is the account's only lasting credential. */
  refreshToken: Secret;
  scopes: string[];
}

const BROWSER_WAIT_MS = 10 * 60_000;

/**
 * "Connect Google Ads account": OAuth 2.0 for installed apps. The consent page opens in the system
 * browser with PKCE (S256) and a random state, Google sends the browser back to a loopback
 * address on a random port, the state is checked before anything else, and the code is exchanged
 * with the operator's client for a refresh token, which is handed back and kept nowhere here.
 */
export async function connectGoogle(options: ConnectGoogleOptions): Promise<GoogleConnection> {
  const endpoint = new GoogleTokenEndpoint(options);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const loopback = await LoopbackRedirect.open();
  try {
    const consent = new URL(endpoint.server.authorization_endpoint ?? '');
    consent.search = new URLSearchParams({
      client_id: options.client.clientId,
      redirect_uri: loopback.redirectUri,
      response_type: 'code',
      scope: ADWORDS_SCOPE,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      // Offline access and a fresh consent, so that Google issues a refresh token even to a user who consented before.
      access_type: 'offline',
      prompt: 'consent',
    }).toString();
    const arrival = loopback.receive((params) => validated(endpoint, params, state), options.signal ?? AbortSignal.timeout(BROWSER_WAIT_MS));
    const [, callback] = await Promise.all([openBrowser(options, consent.href), arrival]);
    const tokens = await endpoint.exchangeCode(callback, loopback.redirectUri, verifier);
    if (tokens.refreshToken === undefined) {
      throw new AcmError(
        'FORBIDDEN',
        'Google signed in but gave no refresh token: remove the app at https://myaccount.google.com/permissions and connect again',
      );
    }
    if (!tokens.scopes.includes(ADWORDS_SCOPE)) {
      throw new AcmError('FORBIDDEN', 'the Google Ads permission was not granted at the consent page: connect again and leave it ticked');
    }
    return { refreshToken: tokens.refreshToken, scopes: tokens.scopes };
  } finally {
    loopback.close();
  }
}

async function openBrowser(options: ConnectGoogleOptions, url: string): Promise<void> {
  try {
    await options.openExternal(url);
  } catch (error) {
    throw new AcmError('UNAVAILABLE', `the system browser could not be opened for the Google sign-in: ${(error as Error).message}`);
  }
}

/** The redirect's parameters once oauth4webapi has found its state to be ours and no error in it; else why not, without the code. */
function validated(endpoint: GoogleTokenEndpoint, params: URLSearchParams, state: string): URLSearchParams {
  try {
    return oauth.validateAuthResponse(endpoint.server, endpoint.client, params, state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      if (error.error === 'access_denied') throw new AcmError('FORBIDDEN', "access was not granted at Google's consent page: nothing was connected");
      const said = error.error_description === undefined ? error.error : `${error.error}: ${error.error_description}`;
      throw new AcmError('FORBIDDEN', `Google refused the sign-in (${said}): nothing was connected`);
    }
    if (error instanceof oauth.OperationProcessingError) {
      throw new AcmError(
        'FORBIDDEN',
        `the browser came back with an answer that does not belong to this sign-in (${error.message}): it was refused and nothing was connected`,
      );
    }
    throw error;
  }
}
