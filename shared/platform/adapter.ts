import { AcmError, type ErrorCode } from '../errors';
import type { CampaignChange, CampaignInfo, HourlyMetrics } from '../domain/campaign';

/**
 * The one door between the engine and an ad platform. Shaped on what the Meta Marketing API
 * and the Google Ads API actually offer: a campaign listing with its ad sets/asset groups
 * (audiences) and ads (creatives), hourly insights that keep filling in for days after the
 * fact, and mutations that take absolute values. Neither platform deduplicates mutations for
 * us, so the idempotency key is honoured by the adapter: the same key applied twice changes
 * nothing the second time and returns the first result.
 */
export interface PlatformAdapter {
  readonly id: string;
  readonly currency: string;
  /**
   * For how many days after the fact the platform's reports keep changing (conversions
   * attributed late: Meta's longest click window is 28 days). The agents re-read that many
   * trailing days once a local day; a platform that does not say is re-read over the last few
   * days only.
   */
  readonly reportsSettleDays?: number;
  /**
   * What the forecasts on this platform's reports assume beyond the engine's own model, in words
   * for the person reading a decision (e.g. how hourly conversions were made from daily ones).
   */
  readonly reportingNotes?: readonly string[];
  /**
   * The most a campaign may spend in one day, as a multiple of its daily budget (Google: 2, its
   * monthly total staying within 30.4 days' worth); a platform that does not say keeps a day's
   * spend within the budget.
   */
  readonly dailySpendMultiple?: number;
  listCampaigns(): Promise<CampaignInfo[]>;
  getCampaign(campaignId: string): Promise<CampaignInfo>;
  getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]>;
  applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult>;
}

export interface MetricsQuery {
  campaignIds?: string[];
  /** Inclusive start hour, epoch ms. */
  from: number;
  /** Exclusive end hour, epoch ms. */
  to: number;
  breakdown?: 'none' | 'audience' | 'creative';
}

export interface ApplyResult {
  campaign: CampaignInfo;
  /** False when the idempotency key had been applied before and nothing changed now. */
  applied: boolean;
  appliedAt: number;
}

/** AUTH_EXPIRED: the account's token expired or was revoked (nothing retries it); PERMISSION_DENIED: the token may not do this. */
export type PlatformErrorCode = 'POLICY_REJECTED' | 'RATE_LIMITED' | 'NOT_FOUND' | 'TRANSIENT' | 'INVALID_CHANGE' | 'AUTH_EXPIRED' | 'PERMISSION_DENIED';

/** What a platform's answer means for whoever asked, in the one error vocabulary of the app. */
const ERROR_CODE_OF: Record<PlatformErrorCode, ErrorCode> = {
  POLICY_REJECTED: 'FORBIDDEN',
  RATE_LIMITED: 'UNAVAILABLE',
  NOT_FOUND: 'NOT_FOUND',
  TRANSIENT: 'UNAVAILABLE',
  INVALID_CHANGE: 'INVALID_INPUT',
  AUTH_EXPIRED: 'FORBIDDEN',
  PERMISSION_DENIED: 'FORBIDDEN',
};

/** The app's coded error, as an ad platform answered: its own code kept beside, for retries and records. */
export class PlatformError extends AcmError {
  override name = 'PlatformError';
  constructor(
    readonly platformCode: PlatformErrorCode,
    message: string,
    /** For RATE_LIMITED: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(ERROR_CODE_OF[platformCode], message);
  }

  /** Worth another try after a wait: the platform did not say no to the change itself. */
  get retryable(): boolean {
    return this.platformCode === 'TRANSIENT' || this.platformCode === 'RATE_LIMITED';
  }

  /** The platform said no to the change itself (its policy, or a value it does not accept): asking again gets the same no. */
  get refusesChange(): boolean {
    return this.platformCode === 'POLICY_REJECTED' || this.platformCode === 'INVALID_CHANGE';
  }
}
