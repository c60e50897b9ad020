import type { CampaignInfo } from '../../../shared/domain/campaign';
import type { PredictionMetric } from '../../../shared/domain/decision';
import type { AgentDefinition, Policy } from '../../../shared/scenario/schema';
import { confidence, type Calibrator, type Interval80, type ResponseModel } from '../forecast';
import { budgetAt, changesWithin } from '../guardrails/settings';
import type { AppliedChange } from '../guardrails/types';
import { DAY_MS, HOUR_MS } from '../ports/clock';
import { count, money, pct, ratio } from './format';
import type { Observer } from './observer';
import { plan, type Plan, type PlanUnit } from './planner';
import type { Proposal } from './proposal';
import { VOLATILE_STEP_SHARE } from './volatility';

/** A decision's prediction covers this many days from the day it applies. */
export const DECISION_WINDOW_DAYS = 3;
/** Evidence for minConversionsToAct: conversions reported over this many days. */
export const EVIDENCE_DAYS = 7;
/** Moves smaller than this share of the budget are noise, not decisions. */
export const MIN_MOVE = 0.03;

export interface BudgetContext {
  agent: AgentDefinition;
  /** Start of the day the budgets apply to. */
  now: number;
  campaigns: readonly CampaignInfo[];
  models: ReadonlyMap<string, ResponseModel>;
  observer: Observer;
  calibrator: Calibrator;
  history: readonly AppliedChange[];
  policies: readonly Policy[];
  /** Most the agent's campaigns may budget together a day. */
  maxTotal: number;
  /** High volatility: steps are smaller (VOLATILE_STEP_SHARE of the usual). */
  volatile: boolean;
}

export interface BudgetProposals {
  proposals: Proposal[];
  plan?: Plan;
  /** Campaigns the agent left alone this time, and why. */
  held: { campaignId: string; why: string }[];
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
  // Stay a hair inside the limits so rounding to cents never lands on the wrong side.
  const slack = campaign.dailyBudget * 1e-4;
  return { down: Math.ceil((down + slack) * 100) / 100, up: Math.floor((up - slack) * 100) / 100 };
}

function minimumBudget(ctx: BudgetContext, campaign: CampaignInfo): number {
  let min = ctx.agent.constraints.minDailyBudget ?? campaign.minDailyBudget;
  for (const policy of ctx.policies) if (policy.rule === 'minDailyBudget') min = Math.max(min, policy.value);
  return min;
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
    const evidence = ctx.observer.totals(campaign.id, now - EVIDENCE_DAYS * DAY_MS, now).conversions;
    const lastChange = changesWithin(ctx.history, campaign.id, now - agent.constraints.cooldownHours * HOUR_MS).some((h) => h.setting === 'budget' || h.setting === 'status');
    let lower = Math.max(minimumBudget(ctx, campaign), isProtected ? campaign.dailyBudget : 0);
    let upper = agent.constraints.maxDailyBudget ?? Number.POSITIVE_INFINITY;
    if (!allowed.includes('budget') || lastChange || evidence < agent.constraints.minConversionsToAct) {
      held.push({
        campaignId: campaign.id,
        why: !allowed.includes('budget') ? 'budget changes are not among its actions' : lastChange ? 'its budget changed within the cooldown' : `only ${count(evidence)} conversions in ${EVIDENCE_DAYS} days; ${agent.constraints.minConversionsToAct} needed`,
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
      canPause: movable.has(campaign.id) && allowed.includes('status') && !isProtected,
    });
  }
  if (units.length === 0) return { proposals: [], held };

  const currentTotal = units.reduce((s, u) => s + (ctx.campaigns.find((c) => c.id === u.campaignId)?.dailyBudget ?? 0), 0);
  const result = plan(units, agent, { maxTotal: Math.max(0, ctx.maxTotal - fixedSpend) }, currentTotal);
  const proposals: Proposal[] = [];
  for (const unit of units) {
    if (!movable.has(unit.campaignId)) continue;
    const campaign = ctx.campaigns.find((c) => c.id === unit.campaignId)!;
    const proposal = stepToward(ctx, campaign, unit, result);
    if (proposal) proposals.push(proposal);
  }
  // Cuts first: they make room under the spend limits for the raises that follow.
  proposals.sort((a, b) => delta(a) - delta(b));
  return { proposals, plan: result, held };
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

function delta(p: Proposal): number {
  if (p.change.kind === 'status') return -Infinity;
  return p.change.kind === 'budget' ? p.change.dailyBudget - p.campaign.dailyBudget : 0;
}

function stepToward(ctx: BudgetContext, campaign: CampaignInfo, unit: PlanUnit, result: Plan): Proposal | undefined {
  const target = result.targets.get(campaign.id) ?? campaign.dailyBudget;
  const current = campaign.dailyBudget;
  const model = ctx.models.get(campaign.id)!;
  const metric = metricOf(ctx.agent);
  const window = { from: ctx.now, days: DECISION_WINDOW_DAYS };
  const evidenceConversions = ctx.observer.totals(campaign.id, ctx.now - EVIDENCE_DAYS * DAY_MS, ctx.now).conversions;
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

  if (target === 0) {
    const before = model.predict({ ...window, dailySpend: current });
    const baseline = ctx.calibrator.apply(before[metric]);
    const raw: Interval80 = { point: 0, low80: 0, high80: 0 };
    return {
      agentName: ctx.agent.name,
      campaign,
      change: { kind: 'status', campaignId: campaign.id, status: 'paused' },
      before: { kind: 'status', status: 'active' },
      after: { kind: 'status', status: 'paused' },
      reasoning:
        `Pause: even at its minimum budget of ${money(unit.lower)} the campaign returns less than it costs the plan — its marginal ${unitName} per unit of spend ` +
        `is ${ratio(marginalAt(unit.lower))} at best, below the ${ratio(result.price)} every kept campaign earns (plan bounded by ${result.limitedBy}). ` +
        `Pausing saves ${money(current * DECISION_WINDOW_DAYS)} over ${DECISION_WINDOW_DAYS} days and gives up a forecast ${money(baseline.point)} ${unitName} (80%: ${money(baseline.low80)}–${money(baseline.high80)}).`,
      prediction: { metric, windowHours: DECISION_WINDOW_DAYS * 24, point: 0, low80: 0, high80: 0, baseline: baseline.point },
      raw,
      confidence: confidence(baseline),
      evidenceConversions,
      metrics,
    };
  }

  const { down, up } = stepLimit(ctx, campaign);
  const next = Math.round(Math.min(up, Math.max(down, unit.lower, target)) * 100) / 100;
  if (Math.abs(next - current) / current < MIN_MOVE) return undefined;
  const effect = model.predictChange(window, current, next);
  const raw = effect.after[metric];
  const calibrated = ctx.calibrator.apply(raw);
  const baseline = ctx.calibrator.apply(effect.before[metric]).point;
  const raising = next > current;
  const reasoning =
    `${raising ? 'Raise' : 'Cut'} daily budget ${money(current)} → ${money(next)} (${pct(next / current - 1)}): at ${money(current)}/day each extra unit of spend returns ` +
    `${ratio(marginalAt(current))} in ${unitName}, ${raising ? 'above' : 'below'} the ${ratio(result.price)} at which the plan balances the agent's campaigns ` +
    `(bounded by ${result.limitedBy}). The plan puts it at ${money(target)}/day${Math.abs(target - next) > 0.01 ? `, reached in steps` : ''}. ` +
    `Forecast ${unitName} over the next ${DECISION_WINDOW_DAYS} days: ${money(calibrated.point)} (80%: ${money(calibrated.low80)}–${money(calibrated.high80)}) against ${money(baseline)} unchanged.`;
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'budget', campaignId: campaign.id, dailyBudget: next },
    before: { kind: 'budget', dailyBudget: current },
    after: { kind: 'budget', dailyBudget: next },
    reasoning,
    prediction: { metric, windowHours: DECISION_WINDOW_DAYS * 24, ...calibrated, baseline },
    raw,
    confidence: confidence(calibrated),
    evidenceConversions,
    metrics,
  };
}
