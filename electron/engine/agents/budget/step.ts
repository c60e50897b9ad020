import type { CampaignInfo } from '@shared/domain/campaign';
import type { Prediction } from '@shared/domain/decision';
import type { Calibrator, Interval80, ResponseModel } from '@engine/forecast/index';
import { decisionConfidence } from '../decision-confidence';
import type { PlanUnit } from '../planner';
import { DECISION_WINDOW_DAYS, type RawForecast } from '../proposal';

/** Moves smaller than this share of the budget change the outcome less than its noise: not worth a decision. */
export const MIN_MOVE = 0.1;

/** A raise toward a spend goal the agent is short of may be this small. */
export const MIN_FILL_MOVE = 0.01;

/** Share of a budget a platform may leave unspent (bids under the market): the low end of a spend forecast. */
const DELIVERY_SLACK = 0.1;

export type Objective = RawForecast['metric'];

/**
 * One campaign's budget step as its review sets it up: numbers and flags only, so that a raise
 * can be stepped again from the same later (at a smaller cap) and come out as the review would have.
 */
export interface StepBasis {
  campaign: CampaignInfo;
  objective: Objective;
  /** Start of the day the step applies from: its forecast window opens here. */
  day: number;
  /** The plan's budget for the campaign; 0 means pause. */
  target: number;
  /** The campaign's curve in the plan, and the least its budget may be. */
  curve: Pick<PlanUnit, 'maxConversions' | 'halfSaturationSpend' | 'orderValue' | 'lower'>;
  /** The marginal return at which the plan balances the agent's campaigns. */
  price: number;
  /** The farthest one step may take the budget each way (maxBudgetChangePct, policies' daily limits), in cents. */
  limits: { down: number; up: number };
  /** The most the budget may move a day along the path toward the target, as a share (maxBudgetChangePct). */
  dailyStep: number;
  /** How far the agent's budgets fell short of its spend goal at the review, per day. */
  gap: number;
  /** Whether a raise, or a cut, would move the budget back against a move whose outcome is not known yet. */
  reverses: { raise: boolean; cut: boolean };
  /** The extra bias of raises' forecasts (see AgentMind.raiseCalibrator). */
  raiseBias: number;
  /** The most the step may raise the budget to: the room a spend limit leaves. */
  cap: number;
  /** The most the campaign may spend of its budget in one day, as it has lately (1 where the platform keeps within budgets). */
  overspend: number;
}

export interface StepBounds {
  /** The least a cut may leave. */
  floor?: number;
  /** How far the agent's budgets fall short of its spend goal, when known better than at the review. */
  short?: number;
}

/** What the step forecasts with: the campaign's response model and the agent's calibration. */
export interface StepForecast {
  model: ResponseModel;
  calibrator: Calibrator;
}

export interface PauseStep {
  kind: 'pause';
  /** What the campaign would bring unchanged over the window (calibrated): what pausing gives up. */
  givenUp: Interval80;
  prediction: Prediction;
  raw: RawForecast;
  confidence: number;
}

export interface BudgetMove {
  kind: 'budget';
  next: number;
  raising: boolean;
  /** Too small a step to show in the objective: made for the spend goal, and judged on spend. */
  forSpendGoal: boolean;
  /** How far the agent's budgets fall short of its spend goal, per day, as a raise was held against it (0 for a cut). */
  gap: number;
  /** Daily budgets over the window, from `next` on toward the target: what the forecast follows. */
  path: number[];
  /** The objective over the window (calibrated), on that path and unchanged. */
  objective: { after: number; before: number };
  prediction: Prediction;
  raw: RawForecast;
  confidence: number;
  /** The raises' extra bias, when the prediction carries it. */
  raiseBias?: number;
}

export type Step = PauseStep | BudgetMove;

/** What one more unit of spend returns at daily spend `x`, in the objective's units, on the plan's curve. */
export function marginalReturn({ curve, objective }: Pick<StepBasis, 'curve' | 'objective'>, x: number): number {
  const value = objective === 'conversions' ? curve.maxConversions : curve.maxConversions * curve.orderValue;
  return (value * curve.halfSaturationSpend) / (x + curve.halfSaturationSpend) ** 2;
}

/**
 * The step toward the plan's budget, in numbers: the new budget (within the limits, and never
 * smaller than a move worth making) or a pause, with the forecast it is judged on; undefined
 * when no step is worth taking.
 */
export function stepBudget(basis: StepBasis, { model, calibrator }: StepForecast, { floor = 0, short }: StepBounds = {}): Step | undefined {
  const { campaign, objective: metric, target, curve } = basis;
  const current = campaign.dailyBudget;
  const days = DECISION_WINDOW_DAYS;
  const window = { from: basis.day, days };

  if (target === 0 && surelyBelow(model, metric, curve.lower, basis.day, basis.price)) {
    const before = model.predict({ ...window, dailySpend: current });
    const baseline = calibrator.apply(before[metric]);
    return {
      kind: 'pause',
      givenUp: baseline,
      prediction: { metric, windowHours: days * 24, point: 0, low80: 0, high80: 0, baseline: baseline.point },
      raw: { metric, point: 0, low80: 0, high80: 0 },
      confidence: decisionConfidence({ point: 0, low80: 0, high80: 0, baseline: baseline.point }, baseline),
    };
  }

  const { down, up } = basis.limits;
  // A pause the forecast is not sure of (target 0) becomes the largest cut instead.
  const next = Math.floor(Math.min(up, basis.cap, Math.max(down, curve.lower, target, Math.min(floor, current))) * 100 + 1e-6) / 100;
  const raising = next > current;
  const gap = raising ? (short ?? basis.gap) : 0;
  const move = Math.abs(next - current) / current;
  // A raise cut down to the room left is all that stands between the budgets and the spend goal: worth it at any size.
  const least = gap > 0 ? (short !== undefined ? Number.MIN_VALUE : MIN_FILL_MOVE) : MIN_MOVE;
  if (move < least) return undefined;
  const forSpendGoal = gap > 0 && move < MIN_MOVE;
  if (raising ? basis.reverses.raise : basis.reverses.cut) return undefined;
  // The decision starts a path toward the plan, one step a day: its forecast follows that path.
  const path = stepsToward(current, next, target, basis.dailyStep, days);
  const pathSpend = path.reduce((s, x) => s + x, 0) / path.length;
  const effect = model.predictChange(window, current, pathSpend);
  const raw = effect.after[metric];
  const calibrated = calibrator.apply(raw);
  const before = calibrator.apply(effect.before[metric]);
  // A raise is made for more of the objective; a cut for efficiency (what each unit of spend returns).
  // A raise's bias applies to its baseline too: what the campaign would do unchanged is as overestimated as what the raise would do.
  const raiseBias = raising && !forSpendGoal ? basis.raiseBias : undefined;
  const outcome: Prediction = forSpendGoal
    ? {
        metric: 'spend',
        windowHours: 0,
        point: pathSpend * days,
        low80: pathSpend * days * (1 - DELIVERY_SLACK),
        high80: pathSpend * days * basis.overspend,
        baseline: current * days,
      }
    : raiseBias !== undefined
      ? scaled({ metric, windowHours: 0, ...calibrated, baseline: before.point }, raiseBias)
      : efficiencyOf(metric, calibrated, before, pathSpend * days, current * days);
  return {
    kind: 'budget',
    next,
    raising,
    forSpendGoal,
    gap,
    path,
    objective: { after: calibrated.point, before: before.point },
    prediction: { ...outcome, windowHours: days * 24 },
    raw: { metric, ...raw },
    confidence: decisionConfidence(outcome),
    raiseBias,
  };
}

/** Pausing needs the forecast to be sure: even the optimistic end of the marginal return at the minimum budget is below the plan's price. */
function surelyBelow(model: ResponseModel, metric: Objective, lower: number, day: number, price: number): boolean {
  const forecast = model.predict({ dailySpend: Math.max(lower, 1), days: 1, from: day });
  const optimistic = metric === 'conversions' ? forecast.marginalConversions.high80 : forecast.marginalRevenue.high80;
  return optimistic < price;
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

/**
 * The efficiency a cut aims at, with the window's spend known: ROAS (revenue per unit of spend)
 * for a revenue objective, cost per conversion for a conversions objective.
 */
function efficiencyOf(metric: Objective, after: Interval80, before: Interval80, spendAfter: number, spendBefore: number): Prediction {
  if (metric === 'revenue') {
    return {
      metric: 'roas',
      windowHours: 0,
      point: after.point / spendAfter,
      low80: after.low80 / spendAfter,
      high80: after.high80 / spendAfter,
      baseline: before.point / spendBefore,
    };
  }
  const cpa = (conversions: number) => (conversions > 0 ? spendAfter / conversions : spendAfter);
  return {
    metric: 'cpa',
    windowHours: 0,
    point: cpa(after.point),
    low80: cpa(after.high80),
    high80: cpa(after.low80),
    baseline: before.point > 0 ? spendBefore / before.point : spendBefore,
  };
}

function scaled(p: Prediction, by: number): Prediction {
  return { ...p, point: p.point * by, low80: p.low80 * by, high80: p.high80 * by, baseline: p.baseline === undefined ? undefined : p.baseline * by };
}
