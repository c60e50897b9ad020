import type { CampaignChange, CampaignInfo } from '@shared/domain/campaign';
import type { AppliedChange } from './types';

/**
 * The name of the setting a change touches. Audiences and creatives are separate settings
 * each, so that a cooldown on one creative does not freeze the others.
 */
export function settingKey(change: Pick<CampaignChange, 'kind'> & Partial<{ audienceId: string; creativeId: string }>): string {
  if (change.kind === 'targeting') return `targeting:${change.audienceId}`;
  if (change.kind === 'creative') return `creative:${change.creativeId}`;
  return change.kind;
}

/** The campaign as it would be after the change. */
export function applyToCampaign(campaign: CampaignInfo, change: CampaignChange): CampaignInfo {
  switch (change.kind) {
    case 'budget':
      return { ...campaign, dailyBudget: change.dailyBudget };
    case 'bid':
      return { ...campaign, bid: change.bid };
    case 'status':
      return { ...campaign, status: change.status };
    case 'targeting':
      return { ...campaign, audiences: campaign.audiences.map((a) => (a.id === change.audienceId ? { ...a, enabled: change.enabled } : a)) };
    case 'creative':
      return { ...campaign, creatives: campaign.creatives.map((c) => (c.id === change.creativeId ? { ...c, enabled: change.enabled } : c)) };
  }
}

/** Each id list asked about as a set, made once: the guard asks about an agent's thousands of campaigns for every decision. */
const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function idSet(ids: readonly string[]): ReadonlySet<string> {
  let set = idSets.get(ids);
  if (!set) idSets.set(ids, (set = new Set(ids)));
  return set;
}

/**
 * What the active campaigns among `ids` (all when omitted) may spend in a day, summed in the
 * account's order. A shared budget is counted once, however many of its campaigns are active.
 */
export function activeBudgetSum(campaigns: readonly CampaignInfo[], ids?: readonly string[]): number {
  const only = ids && idSet(ids);
  const counted = new Set<string>();
  let sum = 0;
  for (const c of campaigns) {
    if (c.status !== 'active' || (only && !only.has(c.id))) continue;
    if (c.sharedBudget) {
      if (counted.has(c.sharedBudget.id)) continue;
      counted.add(c.sharedBudget.id);
    }
    sum += c.dailyBudget;
  }
  return sum;
}

/** The campaigns of `account` a budget change of `campaign` moves besides itself: the others on its shared budget. */
export function budgetSharers(account: readonly CampaignInfo[], campaign: CampaignInfo): CampaignInfo[] {
  const shared = campaign.sharedBudget;
  if (!shared) return [];
  return account.filter((c) => c.id !== campaign.id && shared.campaignIds.includes(c.id));
}

/** The account with one campaign replaced by its changed self (and a shared budget's new amount on every campaign on it). */
export function accountAfter(account: readonly CampaignInfo[], campaign: CampaignInfo, change: CampaignChange): CampaignInfo[] {
  const after = applyToCampaign(campaign, change);
  const moved = change.kind === 'budget' ? new Set(budgetSharers(account, campaign).map((c) => c.id)) : new Set<string>();
  const found = account.some((c) => c.id === campaign.id);
  const changed = account.map((c) => (c.id === campaign.id ? after : moved.has(c.id) ? applyToCampaign(c, { ...change, campaignId: c.id }) : c));
  return found ? changed : [...changed, after];
}

interface HistoryIndex {
  indexed: number;
  byCampaign: Map<string, AppliedChange[]>;
}

/**
 * Each history's changes by campaign, built on first use and extended as the history grows: a
 * review asks about every campaign of the account, and scanning the whole history for each one
 * made a review quadratic in the number of campaigns. Histories only ever grow at the end.
 */
const indexes = new WeakMap<readonly AppliedChange[], HistoryIndex>();

function campaignHistory(history: readonly AppliedChange[], campaignId: string): readonly AppliedChange[] {
  let index = indexes.get(history);
  if (!index) indexes.set(history, (index = { indexed: 0, byCampaign: new Map() }));
  for (; index.indexed < history.length; index.indexed++) {
    const change = history[index.indexed];
    const list = index.byCampaign.get(change.campaignId);
    if (list) list.push(change);
    else index.byCampaign.set(change.campaignId, [change]);
  }
  return index.byCampaign.get(campaignId) ?? [];
}

export function changesWithin(history: readonly AppliedChange[], campaignId: string, since: number): AppliedChange[] {
  return campaignHistory(history, campaignId).filter((h) => h.at > since);
}

/** The budget a campaign had `since` ago: the `before` of its first budget change after then, else today's. */
export function budgetAt(history: readonly AppliedChange[], campaignId: string, since: number, current: number): number {
  const first = changesWithin(history, campaignId, since)
    .filter((h) => h.setting === 'budget')
    .sort((a, b) => a.at - b.at)[0];
  return first && first.before.kind === 'budget' ? first.before.dailyBudget : current;
}

export function pctChange(from: number, to: number): number {
  if (from === 0) return to === 0 ? 0 : Infinity;
  return (Math.abs(to - from) / from) * 100;
}
