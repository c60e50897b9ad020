import type { CampaignInfo } from '../../../shared/domain/campaign';
import type { Prediction, PredictionMetric } from '../../../shared/domain/decision';
import type { AgentDefinition, Policy } from '../../../shared/scenario/schema';
import type { Interval80, ResponseModel } from '../forecast';
import { activeBudgetSum, budgetAt, changesWithin } from '../guardrails/settings';
import { DAY_MS, HOUR_MS } from '../ports/clock';
import { decisionConfidence } from './decision-confidence';
import { count, money, pct, ratio } from './format';
import { perDay, plan, type Plan, type PlanUnit, type Realized } from './planner';
import { SETTLE_DAYS } from './outcomes';
import { budgetMove, EVIDENCE_DAYS, evidenceOf, notWorthAsking, relativeEffect, type Keep, type Proposal, type RawForecast, type ReviewContext } from './proposal';
import { VOLATILE_STEP_SHARE } from './volatility';

/** A decision's prediction covers this many days from the day it applies. */
export const DECISION_WINDOW_DAYS = 3;

/** Share of a budget a platform may leave unspent (bids under the market): the low end of a spend forecast. */
const DELIVERY_SLACK = 0.1;

/** A raise toward a spend goal the agent is short of may be this small. */
export const MIN_FILL_MOVE = 0.01;

/** The least the agent's active budgets should add up to a day: its highest spend goal (0 without one). */
export function spendFloor(agent: AgentDefinition): number {
  let floor = 0;
  for (const goal of agent.goals) if (goal.metric === 'spend' && goal.op === '>=') floor = Math.max(floor, perDay(goal));
  return floor;
}

/** How far the agent's active budgets fall short of its spend goals (per day); 0 when they do not. */
export function spendGap(agent: AgentDefinition, campaigns: readonly CampaignInfo[]): number {
  return Math.max(0, spendFloor(agent) - activeBudgetSum(campaigns));
}

/** Moves smaller than this share of the budget change the outcome less than its noise: not worth a decision. */
export const MIN_MOVE = 0.1;

export interface BudgetContext extends ReviewContext {
  policies: readonly Policy[];
  /** Most the agent's campaigns may budget together a day. */
  maxTotal: number;
  /** High volatility: steps are smaller (VOLATILE_STEP_SHARE of the usual). */
  volatile: boolean;
}

export interface BudgetProposals {
  proposals: Proposal[];
  plan?: Plan;
  /** Campaigns the agent was free to move and chose to keep as they are: a claim the arbiter weighs. */
  keeps: Keep[];
  /** Campaigns the agent left alone this time, and why. */
  held: { campaignId: string; why: string }[];
}

const OUTCOME_NAMES: Record<PredictionMetric, string> = {
  revenue: 'revenue',
  conversions: 'conversions',
  roas: 'ROAS',
  cpa: 'cost per conversion',
  spend: 'spend',
  profit: 'profit',
};

/**
 * The efficiency a cut aims at, with the window's spend known: ROAS (revenue per unit of spend)
 * for a revenue objective, cost per conversion for a conversions objective.
 */
function efficiencyOf(metric: 'revenue' | 'conversions', after: Interval80, before: Interval80, spendAfter: number, spendBefore: number): Prediction {
  if (metric === 'revenue') {
    return { metric: 'roas', windowHours: 0, point: after.point / spendAfter, low80: after.low80 / spendAfter, high80: after.high80 / spendAfter, baseline: before.point / spendBefore };
  }
  const cpa = (conversions: number) => (conversions > 0 ? spendAfter / conversions : spendAfter);
  return { metric: 'cpa', windowHours: 0, point: cpa(after.point), low80: cpa(after.high80), high80: cpa(after.low80), baseline: before.point > 0 ? spendBefore / before.point : spendBefore };
}

function metricOf(agent: AgentDefinition): Extract<PredictionMetric, 'revenue' | 'conversions'> {
  return agent.objective === 'conversions' ? 'conversions' : 'revenue';
}

function protectedLabels(policies: readonly Policy[]): string[] {
  return policies.flatMap((p) => (p.rule === 'protectedLabel' ? [p.label] : []));
}

function stepLimit(ctx: BudgetContext, campaign: CampaignInfo): { down: number; up: number } {
  const share = ctx.volatile ? VOLATILE_STEP_SHARE : 1;
  let up = campaign.dailyBudget * (1 + (share * ctx.agent.constraints.maxBudgetChangePct) / 100);
  let down = campaign.dailyBudget * (1 - (share * ctx.agent.constraints.maxBudgetChangePct) / 100);
  for (const policy of ctx.policies) {
    if (policy.rule !== 'maxBudgetChangePctPerDay') continue;
    const base = budgetAt(ctx.history, campaign.id, ctx.now - DAY_MS, campaign.dailyBudget);
    up = Math.min(up, base * (1 + (share * policy.value) / 100));
    down = Math.max(down, base * (1 - (share * policy.value) / 100));
  }
  // Cents, never past a limit; a step of exactly the limit is allowed (the guard's own tolerance is tighter than a cent).
  return { down: Math.ceil(down * 100 - 1e-6) / 100, up: Math.floor(up * 100 + 1e-6) / 100 };
}

function minimumBudget(ctx: BudgetContext, campaign: CampaignInfo): number {
  let min = ctx.agent.constraints.minDailyBudget ?? campaign.minDailyBudget;
  for (const policy of ctx.policies) if (policy.rule === 'minDailyBudget') min = Math.max(min, policy.value);
  return min;
}

/**
 * After a change of creatives or audiences (any agent's) a campaign's budget waits this long: its
 * response model has seen too little of the new mix to forecast it, and a budget move then would
 * chase the jump the mix made (and blur both changes' outcomes).
 */
const MIX_SETTLE_HOURS = 48;
/** Days of settled results the plan holds its efficiency goals against. */
const REALIZED_DAYS = 5;
/** Fewer conversions than this over those days say too little to correct the plan with. */
const REALIZED_MIN_CONVERSIONS = 30;

/** ROAS and CPA of the agent's campaigns over their last REALIZED_DAYS settled days, attribution still to come included. */
function realizedLately(ctx: BudgetContext): Realized {
  const to = ctx.now - SETTLE_DAYS * DAY_MS;
  const from = to - REALIZED_DAYS * DAY_MS;
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
  const protectedBy = protectedLabels(ctx.policies);
  const allowed = agent.constraints.actions;

  for (const campaign of ctx.campaigns) {
    if (campaign.status !== 'active') continue;
    const model = ctx.models.get(campaign.id);
    if (!model?.ready) {
      fixedSpend += campaign.dailyBudget;
      held.push({ campaignId: campaign.id, why: 'the forecast model has no usable data yet' });
      continue;
    }
    const isProtected = campaign.labels.some((l) => protectedBy.includes(l));
    const evidence = evidenceOf(ctx, campaign.id);
    const lastChange = changesWithin(ctx.history, campaign.id, now - agent.constraints.cooldownHours * HOUR_MS).some((h) => h.setting === 'budget' || h.setting === 'status');
    const newMix = changesWithin(ctx.history, campaign.id, now - MIX_SETTLE_HOURS * HOUR_MS).some((h) => h.setting.startsWith('creative:') || h.setting.startsWith('targeting:'));
    let lower = minimumBudget(ctx, campaign);
    let upper = agent.constraints.maxDailyBudget ?? Number.POSITIVE_INFINITY;
    const asked = ctx.awaitingPerson.has(campaign.id);
    // A protected campaign may not be cut, so a raise could never be taken back: it is left to a person.
    if (!allowed.includes('budget') || isProtected || lastChange || newMix || asked || evidence < agent.constraints.minConversionsToAct) {
      held.push({
        campaignId: campaign.id,
        why: !allowed.includes('budget')
          ? 'budget changes are not among its actions'
          : isProtected
            ? 'a policy protects it: its budget is a person’s call'
            : lastChange
              ? 'its budget changed within the cooldown'
              : newMix
                ? `its creatives or audiences changed within ${MIX_SETTLE_HOURS} h: its forecast still knows the old mix`
                : asked
                  ? 'a person was asked about it lately'
                  : `only ${count(evidence)} conversions in ${EVIDENCE_DAYS} days; ${agent.constraints.minConversionsToAct} needed`,
      });
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
  if (units.length === 0) return { proposals: [], held, keeps: [] };

  const currentTotal = units.reduce((s, u) => s + (ctx.campaigns.find((c) => c.id === u.campaignId)?.dailyBudget ?? 0), 0);
  const result = plan(units, agent, { maxTotal: Math.max(0, ctx.maxTotal - fixedSpend) }, currentTotal, realizedLately(ctx));
  const proposals: Proposal[] = [];
  const keeps: Keep[] = [];
  for (const unit of units) {
    const campaign = ctx.campaigns.find((c) => c.id === unit.campaignId)!;
    if (!movable.has(unit.campaignId)) {
      // Held this time, but its plan still wants it at least where it is: a claim against cuts by others.
      if ((result.targets.get(campaign.id) ?? 0) >= campaign.dailyBudget * (1 - MIN_MOVE)) {
        keeps.push({ campaign, reasoning: `keeps ${campaign.name} at ${money(campaign.dailyBudget)}/day for now: its plan (bounded by ${result.limitedBy}) wants it at ${money(result.targets.get(campaign.id) ?? 0)}/day` });
      }
      continue;
    }
    const proposal = stepToward(ctx, campaign, unit, result);
    if (proposal && notWorthAsking(proposal, agent.constraints.minConfidence)) {
      held.push({ campaignId: campaign.id, why: `the plan's move is unsure (confidence ${ratio(proposal.confidence)}) and small (${pct(relativeEffect(proposal))}): not worth a person's time yet` });
    } else if (proposal) proposals.push(proposal);
    else if (Math.abs((result.targets.get(campaign.id) ?? 0) - campaign.dailyBudget) / campaign.dailyBudget < MIN_MOVE) {
      keeps.push({ campaign, reasoning: `keeps ${campaign.name} at ${money(campaign.dailyBudget)}/day: its plan (bounded by ${result.limitedBy}) puts it within ${MIN_MOVE * 100}% of that` });
    }
  }
  return { proposals: onePause(withinSpendFloor(ctx, proposals, units, result)), plan: result, held, keeps };
}

/**
 * Cuts that the same review's raises cannot make up for (a raise is capped at one step, a cut
 * of a larger campaign is not) would leave the budgets below the agent's spend goal for a day
 * or more: such cuts shrink, all in the same proportion, to what the raises make up for. A cut
 * that shrinks below a move worth making is dropped, and the others are shrunk anew without it.
 * When the plan itself spends less than the goal (an efficiency goal binds), the cuts stand.
 */
function withinSpendFloor(ctx: BudgetContext, proposals: Proposal[], units: readonly PlanUnit[], result: Plan): Proposal[] {
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
      const smaller = stepToward(ctx, cut.campaign, units.find((u) => u.campaignId === cut.campaign.id)!, result, { floor: least });
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

/** Pausing needs the forecast to be sure: even the optimistic end of the marginal return at the minimum budget is below the plan's price. */
function surelyBelow(model: ResponseModel, metric: 'revenue' | 'conversions', lower: number, day: number, price: number): boolean {
  const forecast = model.predict({ dailySpend: Math.max(lower, 1), days: 1, from: day });
  const optimistic = metric === 'conversions' ? forecast.marginalConversions.high80 : forecast.marginalRevenue.high80;
  return optimistic < price;
}

/** A pause is the largest step an agent takes: one a review, the campaign that returns least first. */
function onePause(proposals: Proposal[]): Proposal[] {
  const pauses = proposals.filter((p) => p.change.kind === 'status');
  if (pauses.length <= 1) return proposals;
  const worst = pauses.reduce((a, b) => ((a.metrics.marginalReturn as number) <= (b.metrics.marginalReturn as number) ? a : b));
  return proposals.filter((p) => p.change.kind !== 'status' || p === worst);
}

/** Daily budgets from `first` on toward `target`, each step within `maxStep` of the day before. */
function stepsToward(current: number, first: number, target: number, maxStep: number, days: number): number[] {
  const path = [first];
  while (path.length < days) {
    const last = path[path.length - 1];
    path.push(Math.min(last * (1 + maxStep), Math.max(last * (1 - maxStep), target)));
  }
  return current === first ? [] : path;
}

/** A campaign moved one way within the last window is not moved back before its outcome is known. */
function reverses(ctx: BudgetContext, campaignId: string, raising: boolean): boolean {
  return changesWithin(ctx.history, campaignId, ctx.now - DECISION_WINDOW_DAYS * DAY_MS).some(
    (h) => h.before.kind === 'budget' && h.after.kind === 'budget' && h.after.dailyBudget > h.before.dailyBudget !== raising,
  );
}

interface StepBounds {
  /** The most the step may raise the budget to (the room a spend limit leaves). */
  cap?: number;
  /** The least a cut may leave. */
  floor?: number;
  /** How far the agent's budgets fall short of its spend goal, when known better than from the review's campaigns. */
  short?: number;
}

function stepToward(ctx: BudgetContext, campaign: CampaignInfo, unit: PlanUnit, result: Plan, { cap = Number.POSITIVE_INFINITY, floor = 0, short }: StepBounds = {}): Proposal | undefined {
  const target = result.targets.get(campaign.id) ?? campaign.dailyBudget;
  const current = campaign.dailyBudget;
  const model = ctx.models.get(campaign.id)!;
  const metric = metricOf(ctx.agent);
  const days = DECISION_WINDOW_DAYS;
  const window = { from: ctx.now, days };
  const evidenceConversions = evidenceOf(ctx, campaign.id);
  const value = metric === 'conversions' ? unit.maxConversions : unit.maxConversions * unit.orderValue;
  const marginalAt = (x: number) => (value * unit.halfSaturationSpend) / (x + unit.halfSaturationSpend) ** 2;
  const unitName = metric === 'conversions' ? 'conversions' : 'revenue';
  const metrics = {
    budget: current,
    plannedSpend: target,
    marginalReturn: marginalAt(current),
    planPrice: result.price,
    limitedBy: result.limitedBy,
    fit: model.summary(),
    last7Days: ctx.observer.totals(campaign.id, ctx.now - EVIDENCE_DAYS * DAY_MS, ctx.now),
  };

  if (target === 0 && surelyBelow(model, metric, unit.lower, ctx.now, result.price)) {
    const before = model.predict({ ...window, dailySpend: current });
    const baseline = ctx.calibrator.apply(before[metric]);
    const raw: RawForecast = { metric, point: 0, low80: 0, high80: 0 };
    return {
      agentName: ctx.agent.name,
      campaign,
      change: { kind: 'status', campaignId: campaign.id, status: 'paused' },
      before: { kind: 'status', status: 'active' },
      after: { kind: 'status', status: 'paused' },
      reasoning:
        `Pause: even at its minimum budget of ${money(unit.lower)} the campaign returns less than it costs the plan — its marginal ${unitName} per unit of spend ` +
        `is ${ratio(marginalAt(unit.lower))} at best, below the ${ratio(result.price)} every kept campaign earns (plan bounded by ${result.limitedBy}). ` +
        `Pausing saves ${money(current * days)} of spend and gives up the forecast ${unitName} over the next ${days} days: ${money(baseline.point)} (80%: ${money(baseline.low80)}–${money(baseline.high80)}).`,
      prediction: { metric, windowHours: days * 24, point: 0, low80: 0, high80: 0, baseline: baseline.point },
      raw,
      confidence: decisionConfidence({ point: 0, low80: 0, high80: 0, baseline: baseline.point }, baseline),
      evidenceConversions,
      metrics,
    };
  }

  const { down, up } = stepLimit(ctx, campaign);
  // A pause the forecast is not sure of (target 0) becomes the largest cut instead.
  const next = Math.floor(Math.min(up, cap, Math.max(down, unit.lower, target, Math.min(floor, current))) * 100 + 1e-6) / 100;
  const raising = next > current;
  const gap = raising ? (short ?? spendGap(ctx.agent, ctx.campaigns)) : 0;
  const move = Math.abs(next - current) / current;
  // A raise cut down to the room left is all that stands between the budgets and the spend goal: worth it at any size.
  const least = gap > 0 ? (short !== undefined ? Number.MIN_VALUE : MIN_FILL_MOVE) : MIN_MOVE;
  if (move < least) return undefined;
  // Too small a step to show in the objective: made for the spend goal, and judged on spend.
  const forSpendGoal = gap > 0 && move < MIN_MOVE;
  if (reverses(ctx, campaign.id, raising)) return undefined;
  // The decision starts a path toward the plan, one step a day: its forecast follows that path.
  const path = stepsToward(current, next, target, ctx.agent.constraints.maxBudgetChangePct / 100, days);
  const pathSpend = path.reduce((s, x) => s + x, 0) / path.length;
  const effect = model.predictChange(window, current, pathSpend);
  const raw = effect.after[metric];
  const calibrated = ctx.calibrator.apply(raw);
  const before = ctx.calibrator.apply(effect.before[metric]);
  // A raise is made for more of the objective; a cut for efficiency (what each unit of spend returns).
  // A raise's bias applies to its baseline too: what the campaign would do unchanged is as overestimated as what the raise would do.
  const raiseBias = raising && !forSpendGoal ? ctx.raiseBias : undefined;
  const outcome: Prediction = forSpendGoal
    ? { metric: 'spend', windowHours: 0, point: pathSpend * days, low80: pathSpend * days * (1 - DELIVERY_SLACK), high80: pathSpend * days, baseline: current * days }
    : raiseBias !== undefined
      ? scaled({ metric, windowHours: 0, ...calibrated, baseline: before.point }, raiseBias)
      : efficiencyOf(metric, calibrated, before, pathSpend * days, current * days);
  const steps = path.filter((x, i) => i === 0 || x !== path[i - 1]).map(money);
  const shown = (n: number) => (outcome.metric === metric || outcome.metric === 'spend' ? money(n) : ratio(n));
  const reasoning =
    `${raising ? 'Raise' : 'Cut'} daily budget ${money(current)} → ${money(next)} (${pct(next / current - 1)})${forSpendGoal ? `, toward the spend goal the agent's budgets fall ${money(gap)}/day short of` : ''}${cap < target ? ', as far as the spend limits leave room' : ''}: at ${money(current)}/day each extra unit of spend returns ` +
    `${ratio(marginalAt(current))} in ${unitName}, ${raising ? 'above' : 'below'} the ${ratio(result.price)} at which the plan balances the agent's campaigns ` +
    `(bounded by ${result.limitedBy}). The plan puts it at ${money(target)}/day${steps.length > 1 ? `, reached in daily steps (${steps.join(' → ')})` : ''}. ` +
    `Forecast ${OUTCOME_NAMES[outcome.metric]} over the next ${days} days on that path: ${shown(outcome.point)} (80%: ${shown(outcome.low80)}–${shown(outcome.high80)}) against ${shown(outcome.baseline ?? 0)} unchanged` +
    (raising && !forSpendGoal ? '.' : `; ${unitName} ${money(calibrated.point)} against ${money(before.point)}.`);
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'budget', campaignId: campaign.id, dailyBudget: next },
    before: { kind: 'budget', dailyBudget: current },
    after: { kind: 'budget', dailyBudget: next },
    reasoning,
    prediction: { ...outcome, windowHours: days * 24 },
    raw: { metric, ...raw },
    confidence: decisionConfidence(outcome),
    resize: raising ? (smaller, shortNow) => stepToward(ctx, campaign, unit, result, { cap: Math.min(cap, smaller), short: shortNow }) : undefined,
    evidenceConversions,
    metrics: raiseBias === undefined ? metrics : { ...metrics, raiseBias },
  };
}

function scaled(p: Prediction, by: number): Prediction {
  return { ...p, point: p.point * by, low80: p.low80 * by, high80: p.high80 * by, baseline: p.baseline === undefined ? undefined : p.baseline * by };
}
