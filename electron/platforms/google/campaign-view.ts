import type { AudienceInfo, BidSetting, CampaignInfo, CreativeInfo } from '@shared/domain/campaign';
import type { GoogleCustomer } from './google-account';
import { adGroupOfCriterion, isRemoved, type AdGroupRow, type AdRow, type CampaignRow, type CriterionRow } from './google-rows';
import { fromMicros, smallestAmount } from './micros';

/** Labels the adapter adds to a campaign, so that the guard and the person reading see how Google runs it. */
export const LABELS = {
  sharedBudget: 'google:shared-budget',
  automatedBidding: 'google:automated-bidding',
} as const;

/** Bid strategies under which the advertiser sets CPC bids; under every other one Google sets them. */
const MANUAL_BIDDING = new Set(['MANUAL_CPC', 'ENHANCED_CPC']);

export interface BudgetView {
  resourceName: string;
  id: string;
  name: string;
  amountMicros: string;
  /** Shared by several campaigns (or made to be): a change moves every campaign on it. */
  shared: boolean;
}

/** A campaign of Google in the engine's terms, with the rows its changes are planned on. */
export interface GoogleCampaignView {
  info: CampaignInfo;
  resourceName: string;
  /** Google's own status of the campaign (ENABLED, PAUSED). */
  campaignStatus: string;
  budget?: BudgetView;
  /** Null when CPC bids are the advertiser's to set; else Google's automated strategy. */
  automatedBidding: string | null;
  /** Positive, not removed: the criteria whose `cpc_bid_micros` carry the campaign's bid. */
  criteria: CriterionRow['adGroupCriterion'][];
  ads: AdRow['adGroupAd'][];
}

export interface CampaignRows {
  campaign: CampaignRow;
  adGroups: AdGroupRow[];
  criteria: CriterionRow[];
  ads: AdRow[];
  /** When ads first served (AdDelivery), by ad id. */
  firstServed: ReadonlyMap<string, number>;
  /** The customer's label names, by label resource name. */
  labelNames: ReadonlyMap<string, string>;
  /** The campaigns (not removed) on each shared budget, by the budget's resource name. */
  budgetCampaigns: ReadonlyMap<string, readonly string[]>;
}

/**
 * A campaign read from GAQL rows: its labels are the advertiser's, by name, then the adapter's
 * own; its budget is its campaign budget's amount (shown as shared when `reference_count > 1` or
 * `explicitly_shared`); ad groups are its audiences, ads its creatives; the bid is the CPC bid its
 * enabled criteria carry, unless Google bids automatically. Removed objects are left out.
 */
export function campaignView(customer: GoogleCustomer, rows: CampaignRows): GoogleCampaignView {
  const { campaign, campaignBudget } = rows.campaign;
  const id = campaign.id;
  const adGroups = rows.adGroups.filter((r) => r.campaign.id === id && !isRemoved(r.adGroup.status)).map((r) => r.adGroup);
  const criteria = rows.criteria
    .filter((r) => r.campaign.id === id && !isRemoved(r.adGroupCriterion.status) && r.adGroupCriterion.negative !== true)
    .map((r) => r.adGroupCriterion);
  const ads = rows.ads.filter((r) => r.campaign.id === id && !isRemoved(r.adGroupAd.status)).map((r) => r.adGroupAd);
  const strategy = campaign.biddingStrategyType ?? 'MANUAL_CPC';
  const automatedBidding = MANUAL_BIDDING.has(strategy) ? null : strategy;
  const budget: BudgetView | undefined =
    campaignBudget === undefined
      ? undefined
      : {
          resourceName: campaignBudget.resourceName,
          id: campaignBudget.id,
          name: campaignBudget.name ?? `budget ${campaignBudget.id}`,
          amountMicros: campaignBudget.amountMicros ?? '0',
          shared: isSharedBudget(campaignBudget),
        };
  // A label without a name is one removed since the campaign was read: it no longer says anything about the campaign.
  const labels = (campaign.labels ?? []).flatMap((resourceName) => rows.labelNames.get(resourceName) ?? []);
  if (budget?.shared) labels.push(LABELS.sharedBudget);
  if (automatedBidding) labels.push(LABELS.automatedBidding);
  const info: CampaignInfo = {
    id,
    name: campaign.name,
    platform: 'google',
    status: campaign.status === 'ENABLED' ? 'active' : 'paused',
    dailyBudget: budget ? fromMicros(budget.amountMicros, `campaign ${id} budget amount_micros`) : 0,
    minDailyBudget: smallestAmount(customer.currency),
    labels,
    bid: automatedBidding ? { strategy: 'lowest_cost' } : cpcBid(criteria, id),
    audiences: adGroups.map((g): AudienceInfo => ({ id: g.id, name: g.name, weight: 1, enabled: adGroupServes(g, criteria) })),
    creatives: creativesOf(ads, rows.firstServed),
    ...(automatedBidding ? { automatedBidding } : {}),
    ...(budget?.shared
      ? { sharedBudget: { id: budget.id, name: budget.name, campaignIds: [...(rows.budgetCampaigns.get(budget.resourceName) ?? [id])] } }
      : {}),
  };
  return { info, resourceName: campaign.resourceName, campaignStatus: campaign.status, budget, automatedBidding, criteria, ads };
}

/** Shared by several campaigns, or made to be (`explicitly_shared`): a change moves every campaign on it. */
export function isSharedBudget(budget: NonNullable<CampaignRow['campaignBudget']>): boolean {
  return budget.explicitlyShared === true || Number(budget.referenceCount ?? '1') > 1;
}

/** The CPC bid of the first enabled criterion: its own, or the ad group's default it inherits (`effective_cpc_bid_micros`). */
function cpcBid(criteria: CriterionRow['adGroupCriterion'][], campaignId: string): BidSetting {
  const criterion = criteria.find((c) => c.status === 'ENABLED' && (c.cpcBidMicros ?? c.effectiveCpcBidMicros) !== undefined);
  const micros = criterion?.cpcBidMicros ?? criterion?.effectiveCpcBidMicros;
  if (micros === undefined || micros === '0') return { strategy: 'lowest_cost' };
  return { strategy: 'max_cpc', amount: fromMicros(micros, `campaign ${campaignId} cpc_bid_micros`) };
}

/**
 * One creative per ad id, whatever ad groups show it (changes and reports by creative go by ad
 * id too): enabled while any of its ads is, live since the first day Google reports it serving.
 */
function creativesOf(ads: AdRow['adGroupAd'][], firstServed: ReadonlyMap<string, number>): CreativeInfo[] {
  const byAd = new Map<string, CreativeInfo>();
  for (const a of ads) {
    const id = a.ad.id;
    const found = byAd.get(id);
    if (found) found.enabled ||= a.status === 'ENABLED';
    else byAd.set(id, { id, name: a.ad.name || `ad ${id}`, enabled: a.status === 'ENABLED', liveSince: firstServed.get(id) ?? null });
  }
  return [...byAd.values()];
}

/** An ad group serves while it is enabled and, when it has keywords, one of them is: the adapter turns an audience off by pausing its keywords. */
function adGroupServes(group: AdGroupRow['adGroup'], criteria: CriterionRow['adGroupCriterion'][]): boolean {
  const own = criteria.filter((c) => adGroupOfCriterion(c.resourceName) === group.id);
  return group.status === 'ENABLED' && (own.length === 0 || own.some((c) => c.status === 'ENABLED'));
}
