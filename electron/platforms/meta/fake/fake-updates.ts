import { formatMoney } from '@shared/money';
import { HOUR_MS } from '@shared/time';
import type { FakeAccount, FakeCampaign, FakeStatus } from './fake-account';
import { FakeGraphError, invalidParameter, unsupported } from './fake-errors';
import { fakeId, type FakeRef } from './fake-ids';
import type { Params } from './fake-params';

const STATUSES: FakeStatus[] = ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED'];
const BID_STRATEGIES = ['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITH_BID_CAP', 'COST_CAP', 'LOWEST_COST_WITH_MIN_ROAS'];
const EXECUTION_OPTIONS = ['validate_only', 'include_recommendations', 'synchronous_ad_review'];
const BUDGET_CHANGES_PER_HOUR = 4;
/** A budget change larger than this share of the budget is a significant edit: it restarts the ad sets' learning. */
const SIGNIFICANT_BUDGET_CHANGE = 0.2;
/** Parameters the fake takes on `POST /{id}`, by object; `id` (which the SDK repeats) and the token on every one. */
const ACCEPTED: Record<'campaign' | 'adset' | 'ad', string[]> = {
  campaign: ['status', 'daily_budget', 'bid_strategy'],
  adset: ['status', 'daily_budget', 'bid_amount', 'bid_strategy'],
  ad: ['status'],
};
const ALWAYS = ['id', 'access_token', 'execution_options'];

interface Update {
  status?: FakeStatus;
  dailyBudget?: number;
  bidAmount?: number;
  bidStrategy?: string;
}

/**
 * `POST /{id}` on a campaign, an ad set or an ad, as Meta answers it: `{"success": true}`, after
 * checking every value (and, with `execution_options: ["validate_only"]`, only checking). A
 * budget under the minimum, an archived object or a fifth budget change of an object within an
 * hour is refused, the last with code 17 and the object's budget blocked for an hour.
 */
export function applyUpdate(account: FakeAccount, ref: FakeRef, id: string, params: Params): { success: true } {
  if (ref.kind === 'creative' || ref.kind === 'label') throw unsupported('POST', id);
  const c = account.campaigns[ref.campaign];
  if (!c || (ref.kind !== 'campaign' && !c.state.audiences[ref.audience]) || (ref.kind === 'ad' && !c.state.creatives[ref.creative]))
    throw unsupported('POST', id);
  for (const name of Object.keys(params.values)) {
    if (!ALWAYS.includes(name) && !ACCEPTED[ref.kind].includes(name)) throw invalidParameter(`Param ${name} is not taken by the fake on ${ref.kind} updates`);
  }
  if (params.has('id') && params.string('id') !== id) throw invalidParameter(`Param id (${params.string('id')}) does not match the object (${id})`);
  const options = (params.list('execution_options') ?? []).map(String);
  for (const o of options) if (!EXECUTION_OPTIONS.includes(o)) throw invalidParameter(`execution_options: unknown option ${o}`);
  const status = account.retired.get(id);
  if (status)
    throw new FakeGraphError(100, `(#100) ${status === 'ARCHIVED' ? 'Archived' : 'Deleted'} objects cannot be edited`, {
      userMessage: `This ${ref.kind} is ${status.toLowerCase()} and can't be edited.`,
      subcode: 1885316,
    });
  const update = readUpdate(account, c, ref, params);
  if (update.dailyBudget !== undefined) checkBudgetRate(account, c, ref, id, update.dailyBudget);
  if (options.includes('validate_only')) return { success: true };
  apply(account, c, ref, id, update);
  return { success: true };
}

function readUpdate(account: FakeAccount, c: FakeCampaign, ref: FakeRef, params: Params): Update {
  const update: Update = {};
  const status = params.string('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as FakeStatus)) throw invalidParameter(`status must be one of ${STATUSES.join(', ')}`);
    update.status = status as FakeStatus;
  }
  if (params.has('daily_budget')) {
    const minor = params.integer('daily_budget') as number;
    const level = ref.kind === 'campaign' ? 'campaign' : 'adset';
    if (c.level !== level) {
      throw invalidParameter(
        `daily_budget: this campaign's budget is set on its ${c.level === 'campaign' ? 'campaign (Advantage campaign budget)' : 'ad sets'}`,
      );
    }
    const liveAdSets = c.state.audiences.filter((_, a) => !account.retired.has(fakeId('adset', c.index, a))).length;
    const minimum = account.unit * (ref.kind === 'campaign' ? Math.max(1, liveAdSets) : 1);
    if (!(minor >= minimum)) {
      const text = formatMoney(minimum / account.unit, account.currency, 'en-US');
      throw new FakeGraphError(100, '(#100) Invalid parameter', {
        subcode: 1885272,
        userTitle: 'Budget Too Low',
        userMessage: `The minimum daily budget here is ${text}.`,
      });
    }
    update.dailyBudget = minor;
  }
  if (params.has('bid_amount')) {
    const amount = params.integer('bid_amount') as number;
    if (!(amount > 0)) throw invalidParameter('bid_amount must be a positive integer of minor units');
    update.bidAmount = amount;
  }
  const strategy = params.string('bid_strategy');
  if (strategy !== undefined) {
    if (!BID_STRATEGIES.includes(strategy)) throw invalidParameter(`bid_strategy must be one of ${BID_STRATEGIES.join(', ')}`);
    update.bidStrategy = strategy;
  }
  return update;
}

function checkBudgetRate(account: FakeAccount, c: FakeCampaign, ref: FakeRef, id: string, minor: number): void {
  const current = ref.kind === 'campaign' ? account.campaignBudgetMinor(c) : c.adSetBudgets[ref.audience];
  if (current === minor) return;
  const now = account.now();
  const blockedUntil = account.budgetBlockedUntil.get(id) ?? 0;
  if (blockedUntil <= now && account.budgetChangesInHour(id, now) < BUDGET_CHANGES_PER_HOUR) return;
  if (blockedUntil <= now) account.budgetBlockedUntil.set(id, now + HOUR_MS);
  throw new FakeGraphError(17, '(#17) User request limit reached', {
    userTitle: 'Budget changed too often',
    userMessage: `This ${ref.kind === 'campaign' ? 'campaign' : 'ad set'}'s budget changed ${BUDGET_CHANGES_PER_HOUR} times within an hour; changes to it are blocked for an hour.`,
  });
}

function apply(account: FakeAccount, c: FakeCampaign, ref: FakeRef, id: string, update: Update): void {
  const kind = ref.kind as 'campaign' | 'adset' | 'ad';
  const name = kind === 'campaign' ? c.state.spec.name : c.state.audiences[ref.audience].name;
  if (update.dailyBudget !== undefined) {
    const old = kind === 'campaign' ? account.campaignBudgetMinor(c) : c.adSetBudgets[ref.audience];
    if (old !== update.dailyBudget) {
      if (kind === 'campaign') c.state.dailyBudget = update.dailyBudget / account.unit;
      else account.setAdSetBudget(c, ref.audience, update.dailyBudget);
      account.recordBudgetChange(id, account.now());
      const event = kind === 'campaign' ? 'update_campaign_budget' : 'update_ad_set_budget';
      account.log(event, id, name, kind === 'campaign' ? 'CAMPAIGN_GROUP' : 'CAMPAIGN', {
        old_value: old,
        new_value: update.dailyBudget,
        currency: account.currency,
      });
      if (Math.abs(update.dailyBudget - old) > old * SIGNIFICANT_BUDGET_CHANGE) account.significantEdit(c, kind === 'campaign' ? undefined : ref.audience);
    }
  }
  if (update.bidStrategy !== undefined || update.bidAmount !== undefined) {
    account.setBid(c, update.bidStrategy ?? c.bidStrategy, update.bidAmount ?? c.bidAmount);
    account.log(kind === 'campaign' ? 'update_ad_set_bid_strategy' : 'update_ad_set_bidding', id, name, kind === 'campaign' ? 'CAMPAIGN_GROUP' : 'CAMPAIGN');
    account.significantEdit(c);
  }
  if (update.status !== undefined) setStatus(account, c, ref, id, update.status);
}

function setStatus(account: FakeAccount, c: FakeCampaign, ref: FakeRef, id: string, status: FakeStatus): void {
  const live = status === 'ACTIVE';
  if (status === 'ARCHIVED' || status === 'DELETED') account.retired.set(id, status);
  if (ref.kind === 'campaign') {
    c.state.status = live ? 'active' : 'paused';
    account.log('update_campaign_run_status', id, c.state.spec.name, 'CAMPAIGN_GROUP', { new_value: status });
    if (live) account.significantEdit(c);
  } else if (ref.kind === 'adset') {
    c.state.audiences[ref.audience].enabled = live;
    account.syncAdSets(c);
    account.log('update_ad_set_run_status', id, c.state.audiences[ref.audience].name, 'CAMPAIGN', { new_value: status });
    if (live) account.significantEdit(c, ref.audience);
  } else {
    // The world has one switch per creative: every ad showing it follows.
    const creative = c.state.creatives[ref.creative];
    creative.enabled = live;
    if (live && creative.liveSince === null) creative.liveSince = account.now();
    account.log('update_ad_run_status', id, creative.name, 'ADGROUP', { new_value: status });
  }
}
