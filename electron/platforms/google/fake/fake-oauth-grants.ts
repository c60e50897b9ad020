import { createHash, randomBytes } from 'node:crypto';

/** A refusal of the token endpoint, in the shape Google answers it: `{ error, error_description }`. */
export class FakeOAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
  }
}

/** What the consent page granted, waiting for its code to be exchanged. */
export interface PendingConsent {
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string;
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** Only on the first exchange of a code, as Google does. */
  refreshToken?: string;
  scope: string;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  revoked: boolean;
}

interface AccessGrant {
  refreshToken: string;
  expiresAt: number;
}

/** Google's authorization codes last a few minutes; ten is generous enough for a slow test. */
const CODE_LIFETIME_MS = 10 * 60_000;

/** Google's refresh tokens start `1//`, its access tokens `ya29.`: the fake's look alike so that logs read the same. */
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** The S256 transformation of RFC 7636: BASE64URL(SHA256(verifier)). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * The fake's memory of what it granted: codes waiting to be exchanged (each once), refresh tokens
 * until revoked, access tokens until they expire. A refresh token's revocation takes its access
 * tokens with it, as Google's does.
 */
export class FakeOAuthGrants {
  private readonly codes = new Map<string, PendingConsent & { expiresAt: number }>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly accessGrants = new Map<string, AccessGrant>();

  constructor(
    private readonly now: () => number,
    private readonly accessTokenLifetimeSeconds: number,
  ) {}

  issueCode(consent: PendingConsent): string {
    const code = token('4/0A');
    this.codes.set(code, { ...consent, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  exchangeCode(code: string, clientId: string, redirectUri: string, verifier: string): IssuedTokens {
    const consent = this.codes.get(code);
    // A code is spent by its first use, whether that use succeeds or not (RFC 6749 §4.1.2).
    this.codes.delete(code);
    if (consent === undefined || consent.expiresAt <= this.now()) throw new FakeOAuthError('invalid_grant', 'Malformed auth code.');
    if (consent.clientId !== clientId) throw new FakeOAuthError('invalid_grant', 'The code was issued to another client.');
    if (consent.redirectUri !== redirectUri) throw new FakeOAuthError('redirect_uri_mismatch', 'Bad Request');
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new FakeOAuthError('invalid_grant', 'Invalid code verifier.');
    if (s256(verifier) !== consent.codeChallenge) throw new FakeOAuthError('invalid_grant', 'Invalid code verifier.');
    const refreshToken = token('1//');
    this.refreshGrants.set(refreshToken, { clientId, scope: consent.scope, revoked: false });
    return { ...this.issueAccess(refreshToken, consent.scope), refreshToken };
  }

  refresh(refreshToken: string, clientId: string): IssuedTokens {
    const grant = this.refreshGrants.get(refreshToken);
    if (grant === undefined || grant.revoked || grant.clientId !== clientId) throw new FakeOAuthError('invalid_grant', 'Token has been expired or revoked.');
    return this.issueAccess(refreshToken, grant.scope);
  }

  /** Google's /revoke takes either kind of token; an access token's refresh token goes with it. */
  revoke(anyToken: string): boolean {
    const viaAccess = this.accessGrants.get(anyToken)?.refreshToken;
    return this.revokeRefreshToken(viaAccess ?? anyToken);
  }

  /** Whether there was a live refresh token to revoke. */
  revokeRefreshToken(refreshToken: string): boolean {
    const grant = this.refreshGrants.get(refreshToken);
    if (grant === undefined || grant.revoked) return false;
    grant.revoked = true;
    for (const [access, owner] of this.accessGrants) if (owner.refreshToken === refreshToken) this.accessGrants.delete(access);
    return true;
  }

  revokeAll(): void {
    for (const refreshToken of this.refreshGrants.keys()) this.revokeRefreshToken(refreshToken);
  }

  acceptsAccessToken(accessToken: string): boolean {
    const grant = this.accessGrants.get(accessToken);
    return grant !== undefined && grant.expiresAt > this.now();
  }

  private issueAccess(refreshToken: string, scope: string): IssuedTokens {
    const accessToken = token('ya29.');
    this.accessGrants.set(accessToken, { refreshToken, expiresAt: this.now() + this.accessTokenLifetimeSeconds * 1000 });
    return { accessToken, expiresIn: this.accessTokenLifetimeSeconds, scope };
  }
}
