import type { Prediction, PredictionMetric } from '@shared/domain/decision';
import type { Interval80 } from '@engine/forecast/index';
import { money, pct, ratio } from '../format';
import { MIN_MOVE, type Objective } from './step';

const OUTCOME_NAMES: Record<PredictionMetric, string> = {
  revenue: 'revenue',
  conversions: 'conversions',
  roas: 'ROAS',
  cpa: 'cost per conversion',
  spend: 'spend',
  profit: 'profit',
};

/** What the plan said about the campaign, whatever the step. */
interface PlanFacts {
  objective: Objective;
  /** The marginal return at which the plan balances the agent's campaigns. */
  price: number;
  /** What bounded the plan, in words. */
  limitedBy: string;
  /** The campaign's daily budget now. */
  current: number;
  /** Days the forecast covers. */
  days: number;
}

export interface PauseFacts extends PlanFacts {
  kind: 'pause';
  /** The campaign's minimum budget, and what one more unit of spend returns there. */
  lower: number;
  marginalAtLower: number;
  /** What the campaign would bring unchanged over the window. */
  givenUp: Interval80;
}

export interface MoveFacts extends PlanFacts {
  kind: 'budget';
  next: number;
  /** The plan's budget for the campaign. */
  target: number;
  raising: boolean;
  /** Made for the spend goal the agent's budgets fall `gap` a day short of, not for the objective. */
  forSpendGoal: boolean;
  gap: number;
  /** The spend limits left less room than the plan wants. */
  capped: boolean;
  /** What one more unit of spend returns at the current budget. */
  marginalAtCurrent: number;
  /** Daily budgets over the window, from `next` on. */
  path: readonly number[];
  prediction: Prediction;
  /** The objective over the window, on the path and unchanged. */
  objectiveAfter: number;
  objectiveBefore: number;
}

export type StepFacts = PauseFacts | MoveFacts;

/** The reasoning a budget step carries: what it does, why the plan wants it, and what it is forecast to bring. */
export function stepReasoning(facts: StepFacts): string {
  return facts.kind === 'pause' ? pauseReasoning(facts) : moveReasoning(facts);
}

function pauseReasoning(f: PauseFacts): string {
  return (
    `Pause: even at its minimum budget of ${money(f.lower)} the campaign returns less than it costs the plan — ` +
    `its marginal ${f.objective} per unit of spend is ${ratio(f.marginalAtLower)} at best, ` +
    `below the ${ratio(f.price)} every kept campaign earns (plan bounded by ${f.limitedBy}). ` +
    `Pausing saves ${money(f.current * f.days)} of spend and gives up the forecast ${f.objective} over the next ${f.days} days: ` +
    `${money(f.givenUp.point)} (80%: ${money(f.givenUp.low80)}–${money(f.givenUp.high80)}).`
  );
}

function moveReasoning(f: MoveFacts): string {
  const toward = f.forSpendGoal ? `, toward the spend goal the agent's budgets fall ${money(f.gap)}/day short of` : '';
  const room = f.capped ? ', as far as the spend limits leave room' : '';
  const steps = f.path.filter((x, i) => i === 0 || x !== f.path[i - 1]).map(money);
  const outcome = f.prediction;
  // The objective and spend read as money; ROAS and cost per conversion as ratios.
  const shown = (n: number) => (outcome.metric === f.objective || outcome.metric === 'spend' ? money(n) : ratio(n));
  return (
    `${f.raising ? 'Raise' : 'Cut'} daily budget ${money(f.current)} → ${money(f.next)} (${pct(f.next / f.current - 1)})${toward}${room}: ` +
    `at ${money(f.current)}/day each extra unit of spend returns ${ratio(f.marginalAtCurrent)} in ${f.objective}, ` +
    `${f.raising ? 'above' : 'below'} the ${ratio(f.price)} at which the plan balances the agent's campaigns (bounded by ${f.limitedBy}). ` +
    `The plan puts it at ${money(f.target)}/day${steps.length > 1 ? `, reached in daily steps (${steps.join(' → ')})` : ''}. ` +
    `Forecast ${OUTCOME_NAMES[outcome.metric]} over the next ${f.days} days on that path: ` +
    `${shown(outcome.point)} (80%: ${shown(outcome.low80)}–${shown(outcome.high80)}) against ${shown(outcome.baseline ?? 0)} unchanged` +
    // A raise for the objective is judged on it already; otherwise the objective is told beside what the step is judged on.
    (f.raising && !f.forSpendGoal ? '.' : `; ${f.objective} ${money(f.objectiveAfter)} against ${money(f.objectiveBefore)}.`)
  );
}

/** A campaign the agent keeps where it is: held this review though the plan wants it no lower, or already close to the plan. */
export type KeepFacts =
  { kind: 'held'; name: string; budget: number; limitedBy: string; target: number } | { kind: 'close'; name: string; budget: number; limitedBy: string };

export function keepReasoning(f: KeepFacts): string {
  return f.kind === 'held'
    ? `keeps ${f.name} at ${money(f.budget)}/day for now: its plan (bounded by ${f.limitedBy}) wants it at ${money(f.target)}/day`
    : `keeps ${f.name} at ${money(f.budget)}/day: its plan (bounded by ${f.limitedBy}) puts it within ${MIN_MOVE * 100}% of that`;
}

/** Why a step too unsure to make alone and too small to ask a person about is held. */
export function unsureReasoning(confidence: number, effect: number): string {
  return `the plan's move is unsure (confidence ${ratio(confidence)}) and small (${pct(effect)}): not worth a person's time yet`;
}
