import type { CampaignInfo } from '@shared/domain/campaign';
import { budgetAt, changesWithin } from '@engine/guardrails/settings';
import { DAY_MS } from '@shared/time';
import type { Plan, PlanUnit } from '../planner';
import { DECISION_WINDOW_DAYS } from '../proposal';
import { VOLATILE_STEP_SHARE } from '../volatility';
import type { BudgetContext } from './context';
import type { BudgetStep } from './step-proposal';

/** The least the campaign's budget may be: the agent's minimum, else the campaign's, and no policy's higher one. */
export function minimumBudget(ctx: BudgetContext, campaign: CampaignInfo): number {
  let min = ctx.agent.constraints.minDailyBudget ?? campaign.minDailyBudget;
  for (const policy of ctx.policies) if (policy.rule === 'minDailyBudget') min = Math.max(min, policy.value);
  return min;
}

/** The most one step cuts of a budget, whatever the agent's step limit allows: a budget goes to nothing only by a pause. */
const MAX_CUT_SHARE = 0.99;

function stepLimit(ctx: BudgetContext, campaign: CampaignInfo): { down: number; up: number } {
  const share = ctx.volatile ? VOLATILE_STEP_SHARE : 1;
  let up = campaign.dailyBudget * (1 + (share * ctx.agent.constraints.maxBudgetChangePct) / 100);
  let down = campaign.dailyBudget * (1 - Math.min(MAX_CUT_SHARE, (share * ctx.agent.constraints.maxBudgetChangePct) / 100));
  for (const policy of ctx.policies) {
    if (policy.rule !== 'maxBudgetChangePctPerDay') continue;
    const base = budgetAt(ctx.history, campaign.id, ctx.now - DAY_MS, campaign.dailyBudget);
    up = Math.min(up, base * (1 + (share * policy.value) / 100));
    down = Math.max(down, base * (1 - (share * policy.value) / 100));
  }
  // Cents, never past a limit; a step of exactly the limit is allowed (the guard's own tolerance is tighter than a cent).
  return { down: Math.ceil(down * 100 - 1e-6) / 100, up: Math.floor(up * 100 + 1e-6) / 100 };
}

/** A campaign moved one way within the last window is not moved back before its outcome is known. */
function reverses(ctx: BudgetContext, campaignId: string, raising: boolean): boolean {
  return changesWithin(ctx.history, campaignId, ctx.now - DECISION_WINDOW_DAYS * DAY_MS).some(
    (h) => h.before.kind === 'budget' && h.after.kind === 'budget' && h.after.dailyBudget > h.before.dailyBudget !== raising,
  );
}

/** The campaign's step as this review sets it up; `gap`: how far the agent's budgets fall short of its spend goal. */
export function budgetStepOf(ctx: BudgetContext, campaign: CampaignInfo, unit: PlanUnit, plan: Plan, gap: number): BudgetStep {
  return {
    agentName: ctx.agent.name,
    limitedBy: plan.limitedBy,
    basis: {
      campaign,
      objective: ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue',
      day: ctx.now,
      target: plan.targets.get(campaign.id) ?? campaign.dailyBudget,
      curve: unit,
      price: plan.price,
      limits: stepLimit(ctx, campaign),
      dailyStep: ctx.agent.constraints.maxBudgetChangePct / 100,
      gap,
      reverses: { raise: reverses(ctx, campaign.id, true), cut: reverses(ctx, campaign.id, false) },
      raiseBias: ctx.raiseBias,
      cap: Number.POSITIVE_INFINITY,
      overspend: ctx.spendCeilings?.of(campaign.id) ?? 1,
    },
  };
}
