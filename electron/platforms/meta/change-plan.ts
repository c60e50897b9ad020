import type { CampaignChange } from '@shared/domain/campaign';
import { PlatformError } from '@shared/platform/adapter';
import { formatMoney } from '@shared/money';
import { adsByCreative, type BudgetHolder, type CampaignView } from './campaign-view';
import type { GraphParams } from './graph-client';
import { fromMinorUnits, toMinorUnits } from './money-units';

/** One `POST /{id}` of a change, and the fields a read-back must show for it to have landed. */
export interface Write {
  objectId: string;
  what: string;
  params: GraphParams;
  expect: Record<string, string>;
  /** Set when the write changes this object's budget: it counts toward Meta's four an hour. */
  budgetOf?: string;
}

/**
 * The writes that carry a change to Meta, as absolute values, planned against the campaign as
 * just read: nothing is sent for what already stands, and a change Meta would refuse for a
 * reason we can see (a budget under the minimum, a lifetime budget, an object not live) is
 * refused here before anything is sent.
 */
export function planChange(view: CampaignView, change: CampaignChange, currency: string): Write[] {
  const { campaign, adSets, ads } = view.rows;
  switch (change.kind) {
    case 'budget':
      return budgetWrites(view, change.dailyBudget, currency);
    case 'status': {
      const status = change.status === 'active' ? 'ACTIVE' : 'PAUSED';
      return campaign.status === status ? [] : [statusWrite(campaign.id, `campaign ${campaign.id}`, status)];
    }
    case 'targeting': {
      const adSet = adSets.find((a) => a.id === change.audienceId);
      if (!adSet) throw new PlatformError('NOT_FOUND', `${campaign.id}: no live ad set "${change.audienceId}" (archived and deleted ones are left alone)`);
      const status = change.enabled ? 'ACTIVE' : 'PAUSED';
      return adSet.status === status ? [] : [statusWrite(adSet.id, `ad set ${adSet.id}`, status)];
    }
    case 'creative': {
      const adIds = adsByCreative(view).get(change.creativeId);
      if (!adIds) throw new PlatformError('NOT_FOUND', `${campaign.id}: no live ad shows creative "${change.creativeId}"`);
      const status = change.enabled ? 'ACTIVE' : 'PAUSED';
      return ads.filter((a) => adIds.includes(a.id) && a.status !== status).map((a) => statusWrite(a.id, `ad ${a.id}`, status));
    }
    case 'bid': {
      if (change.bid.strategy === 'max_cpc' && !(change.bid.amount > 0))
        throw new PlatformError('INVALID_CHANGE', `${campaign.id}: a bid cap must be above 0, got ${change.bid.amount}`);
      return bidWrites(view, change.bid.strategy === 'max_cpc' ? toMinorUnits(change.bid.amount, currency) : undefined);
    }
  }
}

function statusWrite(objectId: string, what: string, status: 'ACTIVE' | 'PAUSED'): Write {
  return { objectId, what: `${what} status ${status}`, params: { status }, expect: { status } };
}

/** A bid cap on every live ad set (with the strategy that uses it), or lowest cost on every one; on the campaign too when its budget is there. */
function bidWrites(view: CampaignView, capMinor: string | undefined): Write[] {
  const strategy = capMinor === undefined ? 'LOWEST_COST_WITHOUT_CAP' : 'LOWEST_COST_WITH_BID_CAP';
  const writes: Write[] = [];
  const { campaign, adSets } = view.rows;
  if (view.budgetLevel === 'campaign' && campaign.bid_strategy !== strategy) {
    writes.push({
      objectId: campaign.id,
      what: `campaign ${campaign.id} bid strategy ${strategy}`,
      params: { bid_strategy: strategy },
      expect: { bid_strategy: strategy },
    });
  }
  for (const adSet of adSets) {
    const params: GraphParams = view.budgetLevel === 'campaign' ? {} : { bid_strategy: strategy };
    if (capMinor !== undefined) params.bid_amount = Number(capMinor);
    const expect = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    if (Object.entries(expect).every(([k, v]) => String((adSet as unknown as Record<string, unknown>)[k]) === v)) continue;
    if (Object.keys(params).length > 0) writes.push({ objectId: adSet.id, what: `ad set ${adSet.id} bid`, params, expect });
  }
  return writes;
}

function budgetWrites(view: CampaignView, dailyBudget: number, currency: string): Write[] {
  const campaignId = view.rows.campaign.id;
  if (!(Number.isFinite(dailyBudget) && dailyBudget > 0))
    throw new PlatformError('INVALID_CHANGE', `${campaignId}: a daily budget must be above 0, got ${dailyBudget}`);
  const lifetime = view.budgets.find((b) => b.dailyBudget === undefined);
  if (lifetime) throw new PlatformError('INVALID_CHANGE', `${campaignId}: ${lifetime.name} has a lifetime budget; the adapter changes daily budgets only`);
  if (view.budgets.length === 0) throw new PlatformError('INVALID_CHANGE', `${campaignId}: no live ad set holds a budget`);
  const targets = splitBudget(BigInt(toMinorUnits(dailyBudget, currency)), view.budgets, currency);
  return view.budgets.flatMap((holder, i) => {
    const minor = targets[i].toString();
    const minimum = toMinorUnits(holder.minDailyBudget, currency);
    if (BigInt(minor) < BigInt(minimum)) {
      throw new PlatformError(
        'INVALID_CHANGE',
        `${campaignId}: ${holder.level === 'campaign' ? 'the campaign' : `ad set ${holder.objectId}`} would get ${formatMoney(fromMinorUnits(minor, currency, campaignId), currency, 'en-US')} a day, under Meta's minimum of ${formatMoney(holder.minDailyBudget, currency, 'en-US')}`,
      );
    }
    if (toMinorUnits(holder.dailyBudget ?? 0, currency) === minor) return [];
    return [
      {
        objectId: holder.objectId,
        what: `${holder.level === 'campaign' ? 'campaign' : 'ad set'} ${holder.objectId} daily budget`,
        params: { daily_budget: minor },
        expect: { daily_budget: minor },
        budgetOf: holder.objectId,
      },
    ];
  });
}

/**
 * A total in minor units shared among the holders by their current budgets (equally when none
 * has one), in whole minor units that add up to the total exactly: each gets its share rounded
 * down, and the units left over go to the largest remainders.
 */
export function splitBudget(total: bigint, holders: BudgetHolder[], currency: string): bigint[] {
  if (holders.length === 1) return [total];
  const weights = holders.map((h) => BigInt(toMinorUnits(h.dailyBudget ?? 0, currency)));
  const sum = weights.reduce((s, w) => s + w, 0n);
  const shares = sum > 0n ? weights : holders.map(() => 1n);
  const whole = sum > 0n ? sum : BigInt(holders.length);
  const parts = shares.map((w) => (total * w) / whole);
  const remainders = shares.map((w, i) => ({ i, rest: (total * w) % whole }));
  let left = total - parts.reduce((s, p) => s + p, 0n);
  remainders.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}
