/**
 * What an ad platform tells us about an account: the shapes every adapter (sandbox, Meta,
 * Google) reports and the engine reads. Times are epoch milliseconds, UTC; an hourly row's
 * `hour` is the start of its hour.
 */

export type CampaignStatus = 'active' | 'paused';

export type BidSetting = { strategy: 'lowest_cost' } | { strategy: 'max_cpc'; amount: number };

/**
 * Where a platform's delivery system stands with an audience after its last significant edit:
 * still `learning` (results unsettled, and a budget move would restart it), or `limited` (it
 * cannot gather enough results to leave learning). Absent once learning is over, or on a
 * platform without the notion.
 */
export const LEARNING_STAGES = ['learning', 'limited'] as const;
export type LearningStage = (typeof LEARNING_STAGES)[number];

export interface AudienceInfo {
  id: string;
  name: string;
  weight: number;
  enabled: boolean;
  learning?: LearningStage;
}

export interface CreativeInfo {
  id: string;
  name: string;
  enabled: boolean;
  /** When the creative first went live; null while it never has. */
  liveSince: number | null;
}

/**
 * A budget several campaigns spend from (Google's shared budgets): changing one campaign's budget
 * changes them all, so a change counts against every campaign on it.
 */
export interface SharedBudget {
  id: string;
  name: string;
  /** Every campaign on the budget, this one included. */
  campaignIds: string[];
}

export interface CampaignInfo {
  id: string;
  name: string;
  platform: string;
  status: CampaignStatus;
  dailyBudget: number;
  minDailyBudget: number;
  labels: string[];
  bid: BidSetting;
  audiences: AudienceInfo[];
  creatives: CreativeInfo[];
  /**
   * The platform's automated bid strategy when it sets the bids itself (Google's TARGET_ROAS,
   * MAXIMIZE_CONVERSIONS…): such a campaign has no CPC bid to change, so agents must not propose
   * one (the adapter refuses it). Absent where bids are set by hand or the platform has no notion.
   */
  automatedBidding?: string;
  /** Set when the budget is shared with other campaigns; `dailyBudget` is then the shared budget's amount. */
  sharedBudget?: SharedBudget;
}

export interface MetricTotals {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
}

/** One hour of one campaign as reported so far: attribution delay means recent hours still fill in. */
export interface HourlyMetrics extends MetricTotals {
  campaignId: string;
  hour: number;
  /** Set when the row is broken down by audience or creative. */
  audienceId?: string;
  creativeId?: string;
}

export type ChangeKind = 'budget' | 'bid' | 'status' | 'targeting' | 'creative';

/** A change is always an absolute target value, never a relative step, so that a retry is harmless. */
export type CampaignChange =
  | { kind: 'budget'; campaignId: string; dailyBudget: number }
  | { kind: 'bid'; campaignId: string; bid: BidSetting }
  | { kind: 'status'; campaignId: string; status: CampaignStatus }
  | { kind: 'targeting'; campaignId: string; audienceId: string; enabled: boolean }
  | { kind: 'creative'; campaignId: string; creativeId: string; enabled: boolean };

export const CHANGE_KINDS: readonly ChangeKind[] = ['budget', 'bid', 'status', 'targeting', 'creative'];
