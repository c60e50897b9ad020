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

export type PlatformErrorCode = 'POLICY_REJECTED' | 'RATE_LIMITED' | 'NOT_FOUND' | 'TRANSIENT' | 'INVALID_CHANGE';

export class PlatformError extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    /** For RATE_LIMITED: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  /** Worth another try after a wait: the platform did not say no to the change itself. */
  get retryable(): boolean {
    return this.code === 'TRANSIENT' || this.code === 'RATE_LIMITED';
  }
}
