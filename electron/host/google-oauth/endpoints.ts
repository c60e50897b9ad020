import type { AuthorizationServer } from 'oauth4webapi';
import { AcmError } from '@shared/errors';
import { FAKE_OAUTH_PATHS } from '@platforms/google/fake/fake-oauth';

/** Where Google's OAuth 2.0 endpoints answer: Google's own, or a fake's for tests and demos. */
export interface GoogleOAuthEndpoints {
  authorization: string;
  token: string;
  revoke: string;
}

export const GOOGLE_OAUTH_ENDPOINTS: GoogleOAuthEndpoints = {
  authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
};

/** Google's issuer identifier: oauth4webapi needs one, and only compares it with an `iss` in the redirect, which Google does not send. */
const GOOGLE_ISSUER = 'https://accounts.google.com';

/** The endpoints of `acm fake-platform google` (or a test's FakeGoogleOAuth) at its origin, on the paths Google uses. */
export function fakeGoogleOAuthEndpoints(origin: string): GoogleOAuthEndpoints {
  return {
    authorization: new URL(FAKE_OAUTH_PATHS.authorization, origin).href,
    token: new URL(FAKE_OAUTH_PATHS.token, origin).href,
    revoke: new URL(FAKE_OAUTH_PATHS.revoke, origin).href,
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether plain http may carry requests to these endpoints: only when every one of them is on this
 * machine (a fake), so that no setting can send a client secret or a refresh token over a network
 * in the clear. Anything else must be https.
 */
export function isLoopbackOnly(endpoints: GoogleOAuthEndpoints): boolean {
  const urls = Object.values(endpoints).map((text) => checkedUrl(text));
  if (urls.every((url) => url.protocol === 'https:')) return false;
  for (const url of urls) {
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new AcmError(
        'INVALID_INPUT',
        `the Google OAuth endpoint ${url.origin}${url.pathname} must use https (plain http only reaches a fake on this machine)`,
      );
    }
  }
  return true;
}

/** The authorization server as oauth4webapi takes it: Google publishes these endpoints, so no discovery request is made. */
export function authorizationServerOf(endpoints: GoogleOAuthEndpoints): AuthorizationServer {
  return {
    issuer: GOOGLE_ISSUER,
    authorization_endpoint: checkedUrl(endpoints.authorization).href,
    token_endpoint: checkedUrl(endpoints.token).href,
    revocation_endpoint: checkedUrl(endpoints.revoke).href,
    code_challenge_methods_supported: ['S256'],
  };
}

function checkedUrl(text: string): URL {
  if (!URL.canParse(text)) throw new AcmError('INVALID_INPUT', `"${text}" is not a URL for a Google OAuth endpoint`);
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AcmError('INVALID_INPUT', `the Google OAuth endpoint "${text}" is not http(s)`);
  return url;
}
