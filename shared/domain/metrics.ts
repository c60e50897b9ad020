import type { CampaignInfo, HourlyMetrics, MetricTotals } from './campaign';

/**
 * One stored hour of one campaign, possibly broken down by one audience or creative. The
 * empty string stands for "no breakdown" so that (campaign, hour, audience, creative) is a key
 * that a later report of the same hour replaces.
 */
export interface HourlyMetricRow extends MetricTotals {
  campaignId: string;
  hour: number;
  audienceId: string;
  creativeId: string;
  /** When the platform reported these figures: later reports of an hour carry late conversions. */
  reportedAt: number;
}

export function toHourlyMetricRow(metrics: HourlyMetrics, reportedAt: number): HourlyMetricRow {
  return {
    campaignId: metrics.campaignId,
    hour: metrics.hour,
    audienceId: metrics.audienceId ?? '',
    creativeId: metrics.creativeId ?? '',
    spend: metrics.spend,
    impressions: metrics.impressions,
    clicks: metrics.clicks,
    conversions: metrics.conversions,
    revenue: metrics.revenue,
    reportedAt,
  };
}

/** A campaign's settings as the platform reported them at one moment. */
export interface CampaignSnapshot {
  takenAt: number;
  campaignId: string;
  campaign: CampaignInfo;
}
