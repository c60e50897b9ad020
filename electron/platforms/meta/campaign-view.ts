import type { AudienceInfo, BidSetting, CampaignInfo, CreativeInfo, LearningStage as AudienceLearning } from '@shared/domain/campaign';
import { minimumFor, type MetaAccount } from './meta-account';
import { isRetired, parseMetaTime, type AdRow, type AdSetRow, type CampaignRow } from './meta-objects';
import { fromMinorUnits, toMinorUnits } from './money-units';

/** Where a campaign's budget lives: on the campaign (Advantage campaign budget) or on each ad set. */
export type BudgetLevel = 'campaign' | 'adset';

/** One object that holds a budget, with the least daily budget Meta takes for it. */
export interface BudgetHolder {
  level: BudgetLevel;
  objectId: string;
  name: string;
  /** In the account currency; undefined when the object has a lifetime budget instead. */
  dailyBudget?: number;
  lifetimeBudget?: number;
  minDailyBudget: number;
}

export interface LearningStage {
  /** LEARNING, SUCCESS or FAIL. */
  status: string;
  conversions?: number;
  lastSignificantEditAt?: number;
}

export interface AdSetView {
  id: string;
  name: string;
  status: string;
  effectiveStatus?: string;
  dailyBudget?: number;
  bid?: number;
  learning?: LearningStage;
  minDailyBudget: number;
}

/** A campaign as the adapter presents it: the engine's view (`info`) and Meta's own detail beside it. */
export interface CampaignView {
  info: CampaignInfo;
  budgetLevel: BudgetLevel;
  /** The objects whose budgets make the campaign's: the campaign itself, or its active ad sets. */
  budgets: BudgetHolder[];
  adSets: AdSetView[];
  /** Live rows as read, by object id, for writes to plan against and read-backs to compare with. */
  rows: { campaign: CampaignRow; adSets: AdSetRow[]; ads: AdRow[] };
}

/** Labels the adapter adds to a campaign's own: where its budget lives, and whether an ad set is still learning. */
export const LABELS = {
  campaignBudget: 'meta:campaign-budget',
  adSetBudget: 'meta:adset-budget',
  lifetimeBudget: 'meta:lifetime-budget',
  learning: 'meta:learning',
} as const;

const hasAmount = (value: string | undefined) => value !== undefined && value !== '' && value !== '0';

/**
 * A campaign of Meta in the engine's terms: ad sets are its audiences, ads (grouped by their
 * creative) its creatives, `bid_amount` its bid; the budget is the campaign's when it has one
 * (Advantage campaign budget), else the sum of its active ad sets' budgets, split among them by
 * their shares when it changes. Archived and deleted objects are left out. `delivered` holds the
 * ads known to have ever run: a creative with no active ad and none of those has never gone live.
 */
export function campaignView(
  account: MetaAccount,
  campaign: CampaignRow,
  adSetRows: AdSetRow[],
  adRows: AdRow[],
  delivered: ReadonlySet<string>,
): CampaignView {
  const { currency } = account;
  const money = (value: string | undefined, where: string) => (hasAmount(value) ? fromMinorUnits(value as string, currency, where) : undefined);
  const adSets = adSetRows.filter((a) => a.campaign_id === campaign.id && !isRetired(a.status) && !isRetired(a.effective_status));
  const ads = adRows.filter((a) => a.campaign_id === campaign.id && !isRetired(a.status) && !isRetired(a.effective_status));
  const adSetViews: AdSetView[] = adSets.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status,
    effectiveStatus: a.effective_status,
    dailyBudget: money(a.daily_budget, `ad set ${a.id} daily_budget`),
    bid: a.bid_amount === undefined ? undefined : fromMinorUnits(a.bid_amount, currency, `ad set ${a.id} bid_amount`),
    learning: learningOf(a),
    minDailyBudget: minimumFor(account.minimums, a.billing_event),
  }));
  const active = adSetViews.filter((a) => a.status === 'ACTIVE');
  const budgetLevel: BudgetLevel = hasAmount(campaign.daily_budget) || hasAmount(campaign.lifetime_budget) ? 'campaign' : 'adset';
  const budgets = holders(currency, campaign, budgetLevel, adSets, adSetViews, active, money);
  const lifetime = budgets.some((b) => b.dailyBudget === undefined && b.lifetimeBudget !== undefined);
  const labels = (campaign.adlabels ?? []).map((l) => l.name).filter((n): n is string => typeof n === 'string');
  labels.push(budgetLevel === 'campaign' ? LABELS.campaignBudget : LABELS.adSetBudget);
  if (lifetime) labels.push(LABELS.lifetimeBudget);
  if (active.some((a) => a.learning?.status === 'LEARNING')) labels.push(LABELS.learning);
  const info: CampaignInfo = {
    id: campaign.id,
    name: campaign.name,
    platform: 'meta',
    status: campaign.status === 'ACTIVE' ? 'active' : 'paused',
    dailyBudget: sumMoney(
      budgets.map((b) => b.dailyBudget ?? 0),
      currency,
    ),
    minDailyBudget: sumMoney(
      budgets.map((b) => b.minDailyBudget),
      currency,
    ),
    labels,
    bid: bidOf(adSetViews, adSets),
    audiences: adSetViews.map((a): AudienceInfo => {
      const learning = audienceLearning(a.learning);
      return {
        id: a.id,
        name: a.name,
        weight: budgetLevel === 'adset' ? (a.dailyBudget ?? 0) : 1,
        enabled: a.status === 'ACTIVE',
        ...(learning ? { learning } : {}),
      };
    }),
    creatives: creativesOf(ads, delivered),
  };
  return { info, budgetLevel, budgets, adSets: adSetViews, rows: { campaign, adSets, ads } };
}

function holders(
  currency: string,
  campaign: CampaignRow,
  level: BudgetLevel,
  adSets: AdSetRow[],
  views: AdSetView[],
  active: AdSetView[],
  money: (value: string | undefined, where: string) => number | undefined,
): BudgetHolder[] {
  if (level === 'campaign') {
    const minimum = sumMoney(
      (active.length > 0 ? active : views).map((a) => a.minDailyBudget),
      currency,
    );
    return [
      {
        level,
        objectId: campaign.id,
        name: campaign.name,
        dailyBudget: money(campaign.daily_budget, `campaign ${campaign.id} daily_budget`),
        lifetimeBudget: money(campaign.lifetime_budget, `campaign ${campaign.id} lifetime_budget`),
        minDailyBudget: minimum,
      },
    ];
  }
  const live = active.length > 0 ? active : views;
  return live.map((view) => {
    const row = adSets.find((a) => a.id === view.id) as AdSetRow;
    return {
      level,
      objectId: view.id,
      name: view.name,
      dailyBudget: view.dailyBudget,
      lifetimeBudget: money(row.lifetime_budget, `ad set ${view.id} lifetime_budget`),
      minDailyBudget: view.minDailyBudget,
    };
  });
}

/** A sum of amounts added in whole minor units, so that 25 + 25 + 50.01 is 100.01 and not 100.00999999999999. */
function sumMoney(amounts: number[], currency: string): number {
  const minor = amounts.reduce((s, a) => s + BigInt(toMinorUnits(a, currency)), 0n);
  return fromMinorUnits(minor.toString(), currency, 'a sum of budgets');
}

function learningOf(row: AdSetRow): LearningStage | undefined {
  const info = row.learning_stage_info;
  if (!info?.status) return undefined;
  return {
    status: info.status,
    conversions: info.conversions,
    lastSignificantEditAt: typeof info.last_sig_edit_ts === 'number' ? info.last_sig_edit_ts * 1000 : undefined,
  };
}

/** Meta's stage in the engine's words: FAIL is what Ads Manager shows as "Learning limited"; SUCCESS (or none) means learning is over. */
function audienceLearning(stage: LearningStage | undefined): AudienceLearning | undefined {
  if (stage?.status === 'LEARNING') return 'learning';
  if (stage?.status === 'FAIL') return 'limited';
  return undefined;
}

/** A bid cap set on the live ad sets is the campaign's bid; otherwise Meta bids for the lowest cost. */
function bidOf(views: AdSetView[], rows: AdSetRow[]): BidSetting {
  for (const view of views) {
    const row = rows.find((r) => r.id === view.id);
    if (view.status === 'ACTIVE' && row?.bid_strategy === 'LOWEST_COST_WITH_BID_CAP' && view.bid !== undefined)
      return { strategy: 'max_cpc', amount: view.bid };
  }
  return { strategy: 'lowest_cost' };
}

/**
 * Ads grouped by the creative they show: one creative, live while any of its ads is, since its
 * first ad was made; a creative with no ad live now and none that ever delivered has never been live.
 */
function creativesOf(ads: AdRow[], delivered: ReadonlySet<string>): CreativeInfo[] {
  const byCreative = new Map<string, CreativeInfo>();
  const ran = new Set<string>();
  for (const ad of ads) {
    const id = ad.creative?.id ?? ad.id;
    if (ad.status === 'ACTIVE' || delivered.has(ad.id)) ran.add(id);
    const created = parseMetaTime(ad.created_time);
    const found = byCreative.get(id);
    const since = Number.isFinite(created) ? created : null;
    if (!found) {
      byCreative.set(id, { id, name: ad.creative?.name ?? ad.name, enabled: ad.status === 'ACTIVE', liveSince: since });
      continue;
    }
    found.enabled ||= ad.status === 'ACTIVE';
    if (since !== null && (found.liveSince === null || since < found.liveSince)) found.liveSince = since;
  }
  for (const creative of byCreative.values()) if (!ran.has(creative.id)) creative.liveSince = null;
  return [...byCreative.values()];
}

/** The ad ids showing each creative of a campaign, for writes and for reports broken down by creative. */
export function adsByCreative(view: CampaignView): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const ad of view.rows.ads) {
    const id = ad.creative?.id ?? ad.id;
    map.set(id, [...(map.get(id) ?? []), ad.id]);
  }
  return map;
}
