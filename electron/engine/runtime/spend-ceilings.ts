import type { CampaignInfo } from '@shared/domain/campaign';
import { DAY_MS } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { appliedSince } from '../agents/history';
import type { SpendCeilings } from '../guardrails/day-spend';
import { budgetAt } from '../guardrails/settings';
import type { AppliedChange } from '../guardrails/types';
import type { RuntimeDeps } from './runtime-deps';

/** How many complete days back a campaign's overspend is looked for. */
export const OVERSPEND_DAYS = 14;

/**
 * The most each watched campaign spent of its budget on one of its last OVERSPEND_DAYS complete
 * days, from 1 (never past it) to `multiple`. A day is judged against the budget in force at its
 * end (the one its midnight review set), as far as the applied changes tell it.
 */
export function learnOverspend(
  minds: readonly AgentMind[],
  account: readonly CampaignInfo[],
  history: readonly AppliedChange[],
  now: number,
  multiple: number,
): Map<string, number> {
  const learned = new Map<string, number>();
  const since = now - OVERSPEND_DAYS * DAY_MS;
  for (const mind of minds) {
    for (const campaign of mind.campaignsOf(account)) {
      let most = 1;
      for (const day of mind.observer.daily(campaign.id, now)) {
        if (day.day < since) continue;
        const budget = budgetAt(history, campaign.id, mind.zone.nextMidnight(day.day) - 1, campaign.dailyBudget);
        if (budget > 0) most = Math.max(most, day.spend / budget);
      }
      learned.set(campaign.id, Math.max(learned.get(campaign.id) ?? 1, Math.min(multiple, most)));
    }
  }
  return learned;
}

/**
 * How far past their budgets the account's campaigns may spend in a day, where the platform lets
 * them (Google spends up to twice a budget on some days): for the account's cap on a day's spend and
 * the high end of spend forecasts.
 * A watched campaign counts at what it overspent lately: the cap then binds as the platform
 * really delivers, not at half the account's room for a campaign that never overspent. One no
 * agent watches counts at the platform's multiple, since nothing says how it delivers. Learned
 * once a local day: only complete days count.
 */
export class SpendCeilingWatch {
  private learned: { day: number; overspend: Map<string, number> } | undefined;

  constructor(private readonly deps: Pick<RuntimeDeps, 'platform' | 'store' | 'zone'>) {}

  /** undefined where the platform keeps within budgets. */
  at(minds: readonly AgentMind[], account: readonly CampaignInfo[], now: number): SpendCeilings | undefined {
    const multiple = this.deps.platform.dailySpendMultiple ?? 1;
    if (multiple <= 1) return undefined;
    const day = this.deps.zone.startOfDay(now);
    if (this.learned?.day !== day) {
      const history = appliedSince(this.deps.store.decisions, now - (OVERSPEND_DAYS + 1) * DAY_MS);
      this.learned = { day, overspend: learnOverspend(minds, account, history, now, multiple) };
    }
    const overspend = this.learned.overspend;
    return { of: (campaignId) => overspend.get(campaignId) ?? multiple };
  }
}
