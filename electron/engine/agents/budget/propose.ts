import type { ResponseModel } from '@engine/forecast/index';
import { activeBudgetSum } from '@engine/guardrails/settings';
import { SETTLE_DAYS } from '../outcomes';
import { plan, type Plan, type PlanUnit, type Realized } from '../planner';
import { budgetMove, notWorthAsking, relativeEffect, type Keep, type Proposal } from '../proposal';
import { budgetStepOf, minimumBudget } from './basis';
import type { BudgetContext } from './context';
import { heldReason, NO_FORECAST } from './eligibility';
import { holdWhileLearning, type LearningHold } from './learning-hold';
import { keepReasoning, unsureReasoning } from './reasoning';
import { spendFloor, spendGap } from './spend-goal';
import { MIN_MOVE } from './step';
import { stepProposal, type BudgetStep } from './step-proposal';

export interface BudgetProposals {
  proposals: Proposal[];
  plan?: Plan;
  /** Campaigns the agent was free to move and chose to keep as they are: a claim the arbiter weighs. */
  keeps: Keep[];
  /** Campaigns the agent left alone this time, and why. */
  held: { campaignId: string; why: string }[];
  /** Budget changes the agent wanted but holds while an audience of the campaign is learning (holdBudgetWhileLearning). */
  learning: LearningHold[];
}

/** Days of settled results the plan holds its efficiency goals against. */
const REALIZED_DAYS = 5;
/** Fewer conversions than this over those days say too little to correct the plan with. */
const REALIZED_MIN_CONVERSIONS = 30;

/** ROAS and CPA of the agent's campaigns over their last REALIZED_DAYS settled days, attribution still to come included. */
function realizedLately(ctx: BudgetContext): Realized {
  const zone = ctx.observer.zone;
  const to = zone.addLocalDays(ctx.now, -SETTLE_DAYS);
  const from = zone.addLocalDays(to, -REALIZED_DAYS);
  let spend = 0;
  let conversions = 0;
  let revenue = 0;
  for (const campaign of ctx.campaigns) {
    const final = ctx.observer.finalTotals(campaign.id, from, to, ctx.now);
    if (final.spend <= 0 || !(final.completeness > 0)) continue;
    spend += final.spend;
    conversions += final.conversions;
    revenue += final.revenue;
  }
  if (conversions < REALIZED_MIN_CONVERSIONS) return {};
  return { roas: revenue / spend, cpa: spend / conversions };
}

/** Propose (step 3) for budgets and pauses: plan the best split, then step each campaign toward it. */
export function proposeBudgets(ctx: BudgetContext): BudgetProposals {
  const { agent, now } = ctx;
  const held: BudgetProposals['held'] = [];
  const units: PlanUnit[] = [];
  const movable = new Set<string>();
  let fixedSpend = 0;
  const allowed = agent.constraints.actions;

  for (const campaign of ctx.campaigns) {
    if (campaign.status !== 'active') continue;
    const model = ctx.models.get(campaign.id);
    if (!model?.ready) {
      fixedSpend += campaign.dailyBudget;
      held.push({ campaignId: campaign.id, why: NO_FORECAST });
      continue;
    }
    let lower = minimumBudget(ctx, campaign);
    let upper = agent.constraints.maxDailyBudget ?? Number.POSITIVE_INFINITY;
    const why = heldReason(ctx, campaign);
    if (why !== undefined) {
      held.push({ campaignId: campaign.id, why });
      lower = upper = campaign.dailyBudget;
    } else {
      movable.add(campaign.id);
    }
    units.push({
      campaignId: campaign.id,
      ...localCurve(model, campaign.dailyBudget, now, ctx.calibrator.bias),
      lower: Math.min(lower, upper),
      upper,
      canPause: movable.has(campaign.id) && allowed.includes('status'),
    });
  }
  if (units.length === 0) return { proposals: [], held, keeps: [], learning: [] };

  const currentTotal = units.reduce((s, u) => s + (ctx.campaigns.find((c) => c.id === u.campaignId)?.dailyBudget ?? 0), 0);
  const result = plan(units, agent, { maxTotal: Math.max(0, ctx.maxTotal - fixedSpend) }, currentTotal, realizedLately(ctx));
  const gap = spendGap(agent, ctx.campaigns);
  const steps = new Map<string, BudgetStep>();
  const proposals: Proposal[] = [];
  const keeps: Keep[] = [];
  for (const unit of units) {
    const campaign = ctx.campaigns.find((c) => c.id === unit.campaignId)!;
    const target = result.targets.get(campaign.id) ?? 0;
    const keep = { name: campaign.name, budget: campaign.dailyBudget, limitedBy: result.limitedBy };
    if (!movable.has(unit.campaignId)) {
      // Held this time, but its plan still wants it at least where it is: a claim against cuts by others.
      if (target >= campaign.dailyBudget * (1 - MIN_MOVE)) keeps.push({ campaign, reasoning: keepReasoning({ kind: 'held', ...keep, target }) });
      continue;
    }
    const step = budgetStepOf(ctx, campaign, unit, result, gap);
    steps.set(campaign.id, step);
    const proposal = stepProposal(ctx, step);
    if (proposal && notWorthAsking(proposal, agent.constraints.minConfidence)) {
      held.push({ campaignId: campaign.id, why: unsureReasoning(proposal.confidence, relativeEffect(proposal)) });
    } else if (proposal) proposals.push(proposal);
    else if (Math.abs(target - campaign.dailyBudget) / campaign.dailyBudget < MIN_MOVE) {
      keeps.push({ campaign, reasoning: keepReasoning({ kind: 'close', ...keep }) });
    }
  }
  // Held before the spend goal's check, so that cuts are not sized against raises that wait.
  const learning = holdWhileLearning(agent, proposals);
  for (const h of learning.held) held.push({ campaignId: h.proposal.campaign.id, why: h.why });
  return { proposals: onePause(withinSpendFloor(ctx, learning.go, steps, result)), plan: result, held, keeps, learning: learning.held };
}

/**
 * Cuts that the same review's raises cannot make up for (a raise is capped at one step, a cut
 * of a larger campaign is not) would leave the budgets below the agent's spend goal for a day
 * or more: such cuts shrink, all in the same proportion, to what the raises make up for. A cut
 * that shrinks below a move worth making is dropped, and the others are shrunk anew without it.
 * When the plan itself spends less than the goal (an efficiency goal binds), the cuts stand.
 */
function withinSpendFloor(ctx: BudgetContext, proposals: Proposal[], steps: ReadonlyMap<string, BudgetStep>, result: Plan): Proposal[] {
  const floor = spendFloor(ctx.agent);
  const planned = [...result.targets.values()].reduce((s, x) => s + x, 0);
  if (planned < floor - 0.005) return proposals;
  const dropped = new Set<Proposal>();
  for (;;) {
    const kept = proposals.filter((p) => !dropped.has(p));
    const cuts = kept.filter((p) => p.change.kind === 'budget' && budgetMove(p) < 0);
    const cutTotal = -cuts.reduce((s, p) => s + budgetMove(p), 0);
    const deficit = floor - activeBudgetSum(ctx.campaigns) - kept.reduce((s, p) => s + budgetMove(p), 0);
    if (deficit <= 0.005 || cutTotal === 0) return kept;
    const share = Math.min(1, deficit / cutTotal);
    const shrunk = new Map<Proposal, Proposal>();
    for (const cut of cuts) {
      if (cut.before.kind !== 'budget' || cut.after.kind !== 'budget') continue;
      const least = Math.ceil((cut.after.dailyBudget + (cut.before.dailyBudget - cut.after.dailyBudget) * share) * 100) / 100;
      const smaller = stepProposal(ctx, steps.get(cut.campaign.id)!, { floor: least });
      if (smaller && smaller.after.kind === 'budget' && smaller.after.dailyBudget < cut.before.dailyBudget) shrunk.set(cut, smaller);
      else dropped.add(cut);
    }
    if (shrunk.size === cuts.length) return kept.map((p) => shrunk.get(p) ?? p);
  }
}

/**
 * The Hill curve a·x/(x+K) that matches the model's forecast for the day at the current spend
 * in value and in slope. The model's forecast is a mixture over its uncertainty about K; taking
 * its mean M with its median K instead would overstate what spend buys.
 */
function localCurve(model: ResponseModel, spend: number, day: number, bias: number): Pick<PlanUnit, 'maxConversions' | 'halfSaturationSpend' | 'orderValue'> {
  const x = Math.max(spend, 1);
  const forecast = model.predict({ dailySpend: x, days: 1, from: day });
  const value = forecast.conversions.point * bias;
  const slope = forecast.marginalConversions.point * bias;
  const orderValue = forecast.conversions.point > 0 ? forecast.revenue.point / forecast.conversions.point : model.summary().orderValue;
  // A nearly straight curve: K far beyond today's spend.
  const halfSaturationSpend = value > slope * x * 1.001 ? (slope * x * x) / (value - slope * x) : 1000 * x;
  return { maxConversions: value > 0 ? (value * (x + halfSaturationSpend)) / x : 0, halfSaturationSpend, orderValue };
}

/** A pause is the largest step an agent takes: one a review, the campaign that returns least first. */
function onePause(proposals: Proposal[]): Proposal[] {
  const pauses = proposals.filter((p) => p.change.kind === 'status');
  if (pauses.length <= 1) return proposals;
  const worst = pauses.reduce((a, b) => ((a.metrics.marginalReturn as number) <= (b.metrics.marginalReturn as number) ? a : b));
  return proposals.filter((p) => p.change.kind !== 'status' || p === worst);
}
