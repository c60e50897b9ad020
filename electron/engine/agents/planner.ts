import type { AgentDefinition, Goal } from '@shared/scenario/schema';

/**
 * The budget plan of one agent: how much each of its campaigns should spend a day so that the
 * objective is as high as it can be while every goal holds. Assumptions, all here:
 * - Each campaign answers to daily spend x with expected conversions a·x/(x+K) (the forecast
 *   model's Hill fit for the day planned) and revenue ov·a·x/(x+K).
 * - For a price λ (objective value per unit of spend) a campaign spends where its marginal
 *   value falls to λ: x(λ) = √(v·K/λ) − K, clamped to its bounds; below its minimum budget it
 *   is paused when pausing is allowed and worth it at that price (value(lo) − λ·lo < 0).
 *   This equalises marginal return across campaigns wherever bounds do not bind.
 * - Total spend falls and efficiency (ROAS, 1/CPA) rises as λ rises, so each goal is a bound
 *   on λ found by bisection; efficiency goals (ROAS, CPA) are planned with GOAL_MARGIN of
 *   headroom because they are judged on noisy outcomes, and aimed higher still by the share the
 *   agent's last settled days fell short of that aim (at most MAX_CATCH_UP): forecasts that keep
 *   promising more than the campaigns deliver would otherwise hold the goal only on paper.
 *   When an efficiency goal and a volume goal (spend, conversions, revenue) cannot both hold,
 *   the efficiency goal wins and the plan says so. When campaigns held where they are (cooldown, too little evidence) put a goal out
 *   of reach for now, the campaigns it may move hold it on their own.
 */

export const GOAL_MARGIN = 0.1;
/** The most a goal's aim is raised for what the last days actually did. */
const MAX_CATCH_UP = 1.5;
const PRICE_ITERATIONS = 80;

export interface PlanUnit {
  campaignId: string;
  /** Expected conversions a day at saturation, for the day planned. */
  maxConversions: number;
  halfSaturationSpend: number;
  orderValue: number;
  lower: number;
  upper: number;
  /** Whether the agent may pause it when even its minimum is not worth its price. */
  canPause: boolean;
}

export interface PlanTotals {
  spend: number;
  conversions: number;
  revenue: number;
}

export interface Plan {
  /** Daily spend per campaign; 0 means pause. */
  targets: Map<string, number>;
  totals: PlanTotals;
  /** The marginal return every unconstrained campaign is planned at, in the objective's units per unit of spend. */
  price: number;
  /** What bounded the plan, in words, for reasoning and alerts. */
  limitedBy: string;
  /** Goals the plan cannot meet, in words. */
  atRisk: string[];
}

export interface PlanLimits {
  /** Most the agent's campaigns may spend together a day (agent, account, pool limits). */
  maxTotal: number;
}

type Valuation = 'revenue' | 'conversions' | 'profit';

function valuation(objective: AgentDefinition['objective']): Valuation {
  if (objective === 'conversions') return 'conversions';
  if (objective === 'profit') return 'profit';
  return 'revenue';
}

function scale(unit: PlanUnit, by: Valuation): number {
  return by === 'conversions' ? unit.maxConversions : unit.maxConversions * unit.orderValue;
}

function conversionsAt(unit: PlanUnit, x: number): number {
  return x > 0 ? (unit.maxConversions * x) / (x + unit.halfSaturationSpend) : 0;
}

function spendAt(unit: PlanUnit, by: Valuation, price: number): number {
  const v = scale(unit, by);
  const k = unit.halfSaturationSpend;
  const interior = price > 0 ? Math.sqrt((v * k) / price) - k : unit.upper;
  const x = Math.min(unit.upper, Math.max(unit.lower, interior));
  if (unit.canPause && interior < unit.lower && (v * unit.lower) / (unit.lower + k) - price * unit.lower < 0) return 0;
  return x;
}

export function allocationAt(units: readonly PlanUnit[], by: Valuation, price: number): { spend: number[]; totals: PlanTotals } {
  const spend = units.map((u) => spendAt(u, by, price));
  const totals = { spend: 0, conversions: 0, revenue: 0 };
  units.forEach((u, i) => {
    const conversions = conversionsAt(u, spend[i]);
    totals.spend += spend[i];
    totals.conversions += conversions;
    totals.revenue += conversions * u.orderValue;
  });
  return { spend, totals };
}

interface Bound {
  /** Holds at this price? Must be monotone: once true, true for every higher price (or every lower, for volume bounds). */
  holds(totals: PlanTotals): boolean;
  label: string;
}

/** What the agent's campaigns did over their last settled days: efficiency goals that ran short of their plan aim higher. */
export interface Realized {
  roas?: number;
  cpa?: number;
}

function efficiencyBound(goal: Goal, realized: Realized): Bound | undefined {
  if (goal.metric === 'roas' && goal.op === '>=') {
    const planned = goal.value * (1 + GOAL_MARGIN);
    const short = realized.roas !== undefined && realized.roas < planned ? Math.min(MAX_CATCH_UP, planned / Math.max(realized.roas, 1e-9)) : 1;
    const need = planned * short;
    const label =
      short > 1 ? `ROAS ≥ ${goal.value}, aimed at ${need.toFixed(2)} since the last settled days ran at ${realized.roas!.toFixed(2)}` : `ROAS ≥ ${goal.value}`;
    return { label, holds: (t) => t.spend === 0 || t.revenue >= need * t.spend };
  }
  if (goal.metric === 'cpa' && goal.op === '<=') {
    const planned = goal.value * (1 - GOAL_MARGIN);
    const short = realized.cpa !== undefined && realized.cpa > planned ? Math.min(MAX_CATCH_UP, realized.cpa / planned) : 1;
    const need = planned / short;
    const label =
      short > 1 ? `CPA ≤ ${goal.value}, aimed at ${need.toFixed(2)} since the last settled days ran at ${realized.cpa!.toFixed(2)}` : `CPA ≤ ${goal.value}`;
    return { label, holds: (t) => t.spend === 0 || t.spend <= need * t.conversions };
  }
  if (goal.metric === 'spend' && goal.op === '<=') return { label: `spend ≤ ${goal.value}/day`, holds: (t) => t.spend <= perDay(goal) };
  return undefined;
}

function volumeBound(goal: Goal): Bound | undefined {
  if (goal.op !== '>=') return undefined;
  const value = perDay(goal);
  if (goal.metric === 'spend') return { label: `spend ≥ ${goal.value}/day`, holds: (t) => t.spend >= value };
  if (goal.metric === 'conversions') return { label: `conversions ≥ ${goal.value}/day`, holds: (t) => t.conversions >= value };
  if (goal.metric === 'revenue') return { label: `revenue ≥ ${goal.value}/day`, holds: (t) => t.revenue >= value };
  return undefined;
}

/** Totals are planned per day; a goal over the whole run is spread evenly over its window. */
export function perDay(goal: Goal): number {
  return goal.per === 'total' ? goal.value / goal.window : goal.value;
}

/** Smallest price in [lo, hi] at which `holds` is true, assuming it stays true above. */
function lowestPrice(units: readonly PlanUnit[], by: Valuation, lo: number, hi: number, holds: (t: PlanTotals) => boolean): number | undefined {
  if (!holds(allocationAt(units, by, hi).totals)) return undefined;
  if (holds(allocationAt(units, by, lo).totals)) return lo;
  for (let i = 0; i < PRICE_ITERATIONS; i++) {
    const mid = Math.sqrt(lo * hi);
    if (holds(allocationAt(units, by, mid).totals)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function plan(
  units: readonly PlanUnit[],
  agent: Pick<AgentDefinition, 'objective' | 'goals'>,
  limits: PlanLimits,
  currentTotal: number,
  realized: Realized = {},
): Plan {
  const by = valuation(agent.objective);
  const maxScale = Math.max(1e-9, ...units.map((u) => scale(u, by) / Math.max(1e-9, u.halfSaturationSpend)));
  const floor = by === 'profit' ? 1 : 1e-6 * maxScale;
  const ceiling = maxScale * 10;
  const atRisk: string[] = [];

  const upperBounds: Bound[] = [{ label: `the daily limit of ${limits.maxTotal.toFixed(0)}`, holds: (t) => t.spend <= limits.maxTotal * (1 + 1e-9) }];
  if (agent.objective === 'roas')
    upperBounds.push({ label: 'the current total (objective ROAS keeps spend and reallocates it)', holds: (t) => t.spend <= currentTotal * (1 + 1e-9) });
  for (const goal of agent.goals) {
    const bound = efficiencyBound(goal, realized);
    if (bound) upperBounds.push(bound);
  }
  let price = floor;
  let limitedBy = by === 'profit' ? 'a marginal return of 1 (profit stops growing beyond it)' : 'diminishing returns';
  const holdTotal: Bound = {
    label: 'the current total (a goal is out of reach: spend is reallocated, not grown)',
    holds: (t) => t.spend <= currentTotal * (1 + 1e-9),
  };
  for (const goalBound of upperBounds) {
    let bound = goalBound;
    let p = lowestPrice(units, by, floor, ceiling, bound.holds);
    const movable = units.filter((u) => u.upper > u.lower);
    if (p === undefined && movable.length < units.length) {
      // Campaigns held where they are this time keep it out of reach: the others hold it on their own, so as not to drag it further.
      p = lowestPrice(movable, by, floor, ceiling, bound.holds);
      if (p !== undefined) bound = { label: `${bound.label} on the campaigns it may move now`, holds: bound.holds };
    }
    if (p === undefined) {
      // Cutting everything would not reach it either: keep the account running, say so, and reallocate.
      atRisk.push(`${bound.label} cannot hold even at the smallest budgets`);
      bound = holdTotal;
      p = lowestPrice(units, by, floor, ceiling, bound.holds) ?? ceiling;
    }
    if (p > price) {
      price = p;
      limitedBy = bound.label;
    }
  }
  for (const goal of agent.goals) {
    const bound = volumeBound(goal);
    if (bound && !bound.holds(allocationAt(units, by, price).totals)) {
      atRisk.push(`${bound.label} is out of reach while ${limitedBy} holds`);
    }
  }
  const { spend, totals } = allocationAt(units, by, price);
  return { targets: new Map(units.map((u, i) => [u.campaignId, spend[i]])), totals, price, limitedBy, atRisk };
}
