import * as oauth from 'oauth4webapi';
import { AcmError } from '@shared/errors';
import { PlatformError } from '@shared/platform/adapter';
import { Secret } from '../credentials/secret';
import { authorizationServerOf, GOOGLE_OAUTH_ENDPOINTS, isLoopbackOnly, type GoogleOAuthEndpoints } from './endpoints';

export type OAuthFetch = (url: string, init: RequestInit) => Promise<Response>;

/** The operator's own OAuth client (a "Desktop app" client of their Google Cloud project), given once per app. */
export interface GoogleOAuthClient {
  clientId: string;
  /** Google issues desktop clients a secret, and its token endpoint asks for it. */
  clientSecret: Secret;
}

export interface TokenEndpointOptions {
  client: GoogleOAuthClient;
  /** Google's by default; a fake's in tests. */
  endpoints?: GoogleOAuthEndpoints;
  /** Electron's net.fetch in the app (it follows the system's proxy settings); the global fetch by default. */
  fetch?: OAuthFetch;
}

/** What the token endpoint granted: secrets stay wrapped, so that nothing prints them by accident. */
export interface GrantedTokens {
  accessToken: Secret;
  /** Seconds, as Google says it; undefined when it did not. */
  expiresIn?: number;
  refreshToken?: Secret;
  scopes: string[];
}

/** Google's refusal of a token request: its `error` code and words. */
interface Refusal {
  error: string;
  description: string;
  status: number;
}

const MAX_DESCRIPTION = 300;

/**
 * Google's token and revocation endpoints, spoken to through oauth4webapi (client_secret_post, as
 * Google documents for installed apps). Every failure becomes the app's coded error, worded from
 * Google's `error` code and description and the endpoint's address: never from the request, which
 * holds the client secret, the code and the refresh token.
 */
export class GoogleTokenEndpoint {
  readonly server: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  private readonly auth: oauth.ClientAuth;
  private readonly options: oauth.TokenEndpointRequestOptions;

  constructor(options: TokenEndpointOptions) {
    const endpoints = options.endpoints ?? GOOGLE_OAUTH_ENDPOINTS;
    this.server = authorizationServerOf(endpoints);
    this.client = { client_id: options.client.clientId };
    this.auth = oauth.ClientSecretPost(options.client.clientSecret.reveal());
    const fetch = options.fetch;
    this.options = {
      ...(fetch === undefined ? {} : { [oauth.customFetch]: (url: string, init: RequestInit) => fetch(url, init) }),
      ...(isLoopbackOnly(endpoints) ? { [oauth.allowInsecureRequests]: true } : {}),
    };
  }

  /** The code of a redirect that oauth4webapi has validated (its state checked), for tokens. */
  async exchangeCode(callback: URLSearchParams, redirectUri: string, codeVerifier: string): Promise<GrantedTokens> {
    try {
      const response = await oauth.authorizationCodeGrantRequest(this.server, this.client, this.auth, callback, redirectUri, codeVerifier, this.options);
      return granted(await oauth.processAuthorizationCodeResponse(this.server, this.client, response));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw this.unreachable(error);
      throw new AcmError('FORBIDDEN', `Google refused to finish the sign-in (${said(refusal)}); nothing was connected, try connecting again`);
    }
  }

  /**
   * A new access token for a refresh token. `invalid_grant` (the grant was revoked, expired or its
   * password changed) and `invalid_client` (the OAuth client was deleted or its secret reset) both
   * mean that only a new sign-in helps: AUTH_EXPIRED, which pauses the account's agents.
   */
  async refresh(refreshToken: Secret): Promise<GrantedTokens> {
    try {
      const response = await oauth.refreshTokenGrantRequest(this.server, this.client, this.auth, refreshToken.reveal(), this.options);
      return granted(await oauth.processRefreshTokenResponse(this.server, this.client, response));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw this.unreachable(error);
      if (refusal.error === 'invalid_grant' || refusal.error === 'invalid_client') {
        throw new PlatformError(
          'AUTH_EXPIRED',
          `Google no longer accepts this app's access to the account (${said(refusal)}): reconnect the Google Ads account`,
        );
      }
      const code = refusal.status >= 500 || refusal.status === 429 ? 'TRANSIENT' : 'PERMISSION_DENIED';
      throw new PlatformError(code, `Google refused a new access token (${said(refusal)})`);
    }
  }

  /** Ends the grant at Google (a refresh token revokes its access tokens too), for "Disconnect". */
  async revoke(token: Secret): Promise<void> {
    try {
      await oauth.processRevocationResponse(await oauth.revocationRequest(this.server, this.client, this.auth, token.reveal(), this.options));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw this.unreachable(error);
      // Already revoked or expired: what a disconnect wants is true already.
      if (refusal.error === 'invalid_token') return;
      throw new AcmError('UNAVAILABLE', `Google did not revoke the app's access (${said(refusal)}); remove it at https://myaccount.google.com/permissions`);
    }
  }

  /** A network failure or an answer that is not OAuth's: said with the library's own fixed words, never its `cause` (which can hold the request). */
  private unreachable(error: unknown): PlatformError {
    const endpoint = new URL(this.server.token_endpoint ?? '');
    const why = error instanceof oauth.OperationProcessingError || error instanceof TypeError ? error.message : 'an unexpected error';
    return new PlatformError('TRANSIENT', `Google's OAuth endpoint at ${endpoint.origin} could not be used (${why})`);
  }
}

function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof oauth.ResponseBodyError)) return undefined;
  const description = (error.error_description ?? '').slice(0, MAX_DESCRIPTION);
  return { error: error.error, description, status: error.status };
}

function said(refusal: Refusal): string {
  return refusal.description === '' ? refusal.error : `${refusal.error}: ${refusal.description}`;
}

function granted(response: oauth.TokenEndpointResponse): GrantedTokens {
  return {
    accessToken: new Secret(response.access_token),
    expiresIn: response.expires_in,
    refreshToken: response.refresh_token === undefined ? undefined : new Secret(response.refresh_token),
    scopes: (response.scope ?? '').split(' ').filter(Boolean),
  };
}
