/**
 * The Graph API objects as the adapter reads them: only the fields it asks for (fields.ts), typed
 * as the specs give them (../shared/platform-specs/meta-marketing-api): ids and money as strings
 * (budgets in minor units), `bid_amount` and `account_status` as integers.
 */

export type MetaStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED' | 'DELETED';

export interface AdLabel {
  id: string;
  name?: string;
}

export interface LearningStageInfo {
  status?: string;
  conversions?: number;
  last_sig_edit_ts?: number;
  attribution_windows?: string[];
}

export interface AdAccountRow {
  id: string;
  account_id: string;
  name?: string;
  currency: string;
  timezone_name: string;
  account_status: number;
  min_daily_budget?: number;
}

export interface CampaignRow {
  id: string;
  name: string;
  status: MetaStatus;
  effective_status?: string;
  daily_budget?: string;
  lifetime_budget?: string;
  bid_strategy?: string;
  adlabels?: AdLabel[];
}

export interface AdSetRow {
  id: string;
  name: string;
  campaign_id: string;
  status: MetaStatus;
  effective_status?: string;
  daily_budget?: string;
  lifetime_budget?: string;
  bid_amount?: number;
  bid_strategy?: string;
  billing_event?: string;
  learning_stage_info?: LearningStageInfo;
}

export interface AdRow {
  id: string;
  name: string;
  adset_id: string;
  campaign_id: string;
  status: MetaStatus;
  effective_status?: string;
  creative?: { id: string; name?: string };
  created_time?: string;
}

export interface MinimumBudgetRow {
  currency: string;
  min_daily_budget_imp?: number;
  min_daily_budget_high_freq?: number;
  min_daily_budget_low_freq?: number;
  min_daily_budget_video_views?: number;
}

export interface ActivityRow {
  event_type: string;
  event_time: string;
  object_id?: string;
}

export interface ActionStat {
  action_type: string;
  value?: string;
  [window: string]: string | undefined;
}

export interface InsightRow {
  campaign_id?: string;
  adset_id?: string;
  ad_id?: string;
  date_start: string;
  date_stop: string;
  spend?: string;
  impressions?: string;
  clicks?: string;
  actions?: ActionStat[];
  action_values?: ActionStat[];
  hourly_stats_aggregated_by_advertiser_time_zone?: string;
}

/** Objects Meta keeps for the record only: the adapter never reads them as live nor changes them. */
export function isRetired(status: string | undefined): boolean {
  return status === 'ARCHIVED' || status === 'DELETED';
}

/** A Graph API datetime ("2026-01-05T09:30:00+0100") as epoch ms, or NaN. */
export function parseMetaTime(text: string | undefined): number {
  if (!text) return NaN;
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Field lists asked of each edge: only what the adapter reads. */
export const FIELDS = {
  account: ['id', 'account_id', 'name', 'currency', 'timezone_name', 'account_status', 'min_daily_budget'],
  campaign: ['id', 'name', 'status', 'effective_status', 'daily_budget', 'lifetime_budget', 'bid_strategy', 'adlabels'],
  adSet: [
    'id',
    'name',
    'campaign_id',
    'status',
    'effective_status',
    'daily_budget',
    'lifetime_budget',
    'bid_amount',
    'bid_strategy',
    'billing_event',
    'learning_stage_info',
  ],
  ad: ['id', 'name', 'adset_id', 'campaign_id', 'status', 'effective_status', 'creative{id,name}', 'created_time'],
  activity: ['event_type', 'event_time', 'object_id'],
} as const;
