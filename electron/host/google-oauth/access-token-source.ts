import { PlatformError } from '@shared/platform/adapter';
import type { Clock } from '@shared/time';
import type { Secret } from '../credentials/secret';
import { GoogleTokenEndpoint, type TokenEndpointOptions } from './token-endpoint';

export interface AccessTokenSourceOptions extends TokenEndpointOptions {
  refreshToken: Secret;
  clock: Clock;
  /** How long before its expiry an access token is replaced (default five minutes), so that none expires on the way to Google. */
  refreshAheadMs?: number;
}

const REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * The Google Ads adapter's access tokens, from the refresh token it holds: the current one until
 * shortly before it expires, then a new one from the token endpoint (one request however many
 * calls wait for it). Access tokens live in memory only. Once Google refuses the refresh token
 * (AUTH_EXPIRED: revoked, expired, the client deleted) every later call gets that same error
 * without asking again: only a reconnect, with a new source, helps.
 */
export class GoogleAccessTokens {
  private readonly endpoint: GoogleTokenEndpoint;
  private current: { token: Secret; refreshAt: number } | undefined;
  private pending: Promise<Secret> | undefined;
  private refused: PlatformError | undefined;

  constructor(private readonly options: AccessTokenSourceOptions) {
    this.endpoint = new GoogleTokenEndpoint(options);
  }

  async accessToken(): Promise<Secret> {
    if (this.refused) throw this.refused;
    if (this.current && this.options.clock.now() < this.current.refreshAt) return this.current.token;
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Google rejected the current access token before its time (401): the next call gets a new one. */
  invalidate(): void {
    this.current = undefined;
  }

  private async refresh(): Promise<Secret> {
    const askedAt = this.options.clock.now();
    try {
      const granted = await this.endpoint.refresh(this.options.refreshToken);
      // Without a stated lifetime the token is used for the calls now waiting and replaced at the next.
      const lifetimeMs = (granted.expiresIn ?? 0) * 1000;
      const ahead = Math.min(this.options.refreshAheadMs ?? REFRESH_AHEAD_MS, lifetimeMs / 2);
      this.current = { token: granted.accessToken, refreshAt: askedAt + lifetimeMs - ahead };
      return granted.accessToken;
    } catch (error) {
      if (error instanceof PlatformError && error.platformCode === 'AUTH_EXPIRED') {
        this.current = undefined;
        this.refused = error;
      }
      throw error;
    }
  }
}
