import { PlatformError } from '@shared/platform/adapter';

/**
 * The GAQL the adapter sends and the rows it reads back, as REST JSON writes them: lowerCamelCase
 * names, int64 as strings, enums as their names. Only the fields asked for come back.
 */

export interface CustomerRow {
  customer: { id: string; descriptiveName?: string; currencyCode: string; timeZone: string; manager?: boolean };
}

export interface CustomerClientRow {
  customerClient: { id: string; descriptiveName?: string; manager?: boolean; level?: string; currencyCode?: string; timeZone?: string; status?: string };
}

export interface CampaignRow {
  campaign: {
    resourceName: string;
    id: string;
    name: string;
    status: string;
    biddingStrategyType?: string;
    campaignBudget?: string;
    /** Label resource names (`customers/{customer}/labels/{label}`): the names are read from `label`. */
    labels?: string[];
  };
  campaignBudget?: { resourceName: string; id: string; name?: string; amountMicros?: string; explicitlyShared?: boolean; referenceCount?: string };
}

export interface LabelRow {
  label: { resourceName: string; id: string; name: string };
}

export interface AdGroupRow {
  campaign: { id: string };
  adGroup: { resourceName: string; id: string; name: string; status: string };
}

export interface CriterionRow {
  campaign: { id: string };
  adGroup: { id: string };
  adGroupCriterion: { resourceName: string; criterionId: string; status: string; negative?: boolean; cpcBidMicros?: string; effectiveCpcBidMicros?: string };
}

export interface AdRow {
  campaign: { id: string };
  adGroup: { id: string };
  adGroupAd: { resourceName: string; status: string; ad: { id: string; name?: string } };
}

export interface MetricsRow {
  campaign: { id: string };
  adGroup?: { id: string };
  adGroupAd?: { ad: { id: string } };
  segments: { date: string; hour: number };
  metrics: { costMicros?: string; clicks?: string; impressions?: string; conversions?: number; conversionsValue?: number };
}

/** Objects the adapter leaves alone: REMOVED cannot be brought back. Filtered here rather than in GAQL, to keep the queries to plain id conditions. */
export const isRemoved = (status: string | undefined) => status === 'REMOVED';

/** `campaign.id = 1` or `campaign.id IN (1, 2)`: ids are checked as digits, so nothing else reaches a query. */
export function idCondition(field: string, ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new PlatformError('NOT_FOUND', `'${id}' is not a Google Ads id (digits)`);
  return ids.length === 1 ? `${field} = ${ids[0]}` : `${field} IN (${ids.join(', ')})`;
}

/** The ad group of a criterion, from its resource name `customers/{customer}/adGroupCriteria/{adGroup}~{criterion}`. */
export function adGroupOfCriterion(resourceName: string): string | undefined {
  return /\/adGroupCriteria\/(\d+)~\d+$/.exec(resourceName)?.[1];
}

const where = (campaignIds?: readonly string[]) => (campaignIds && campaignIds.length > 0 ? ` WHERE ${idCondition('campaign.id', campaignIds)}` : '');

export const QUERIES = {
  customer: 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager FROM customer',
  /** The accounts directly below a manager (level 1); level 0 is the manager itself. */
  clients:
    'SELECT customer_client.id, customer_client.descriptive_name, customer_client.manager, customer_client.level, customer_client.currency_code, ' +
    'customer_client.time_zone, customer_client.status FROM customer_client WHERE customer_client.level = 1',
  campaigns: (campaignIds?: readonly string[]) =>
    'SELECT campaign.resource_name, campaign.id, campaign.name, campaign.status, campaign.bidding_strategy_type, campaign.campaign_budget, campaign.labels, ' +
    'campaign_budget.resource_name, campaign_budget.id, campaign_budget.name, campaign_budget.amount_micros, campaign_budget.explicitly_shared, campaign_budget.reference_count ' +
    `FROM campaign${where(campaignIds)}`,
  labels: 'SELECT label.resource_name, label.id, label.name FROM label',
  adGroups: (campaignIds?: readonly string[]) =>
    `SELECT campaign.id, ad_group.resource_name, ad_group.id, ad_group.name, ad_group.status FROM ad_group${where(campaignIds)}`,
  criteria: (campaignIds?: readonly string[]) =>
    'SELECT campaign.id, ad_group.id, ad_group_criterion.resource_name, ad_group_criterion.criterion_id, ad_group_criterion.status, ' +
    `ad_group_criterion.negative, ad_group_criterion.cpc_bid_micros, ad_group_criterion.effective_cpc_bid_micros FROM ad_group_criterion${where(campaignIds)}`,
  ads: (campaignIds?: readonly string[]) =>
    `SELECT campaign.id, ad_group.id, ad_group_ad.resource_name, ad_group_ad.status, ad_group_ad.ad.id, ad_group_ad.ad.name FROM ad_group_ad${where(campaignIds)}`,
} as const;
