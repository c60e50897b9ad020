/**
 * Exact budget allocation over separable response curves: maximise Σ value_i(x_i) subject to
 * Σ x_i = total and lower_i ≤ x_i ≤ upper_i.
 *
 * Assumptions, all of them here:
 * - Each unit's `marginal` is the derivative of its `value` and does not increase on
 *   [knee, upper] (the curve is concave there). Below `knee` (S-shaped curves only: their
 *   inflection point, see `hillInflection`) the curve may be convex; the allocator then works
 *   on the concave envelope: the tangent from (lower, value(lower)) to the concave part, found
 *   by bisection, then the curve. Because the allocator finds the tangent itself, a caller may
 *   change `lower` freely.
 * - Marginals may be +Infinity at a bound (a Hill curve with shape < 1 at zero spend) and may
 *   be zero (a unit that no longer converts); they must not be NaN.
 * - A total below Σ lower cannot be met: `allocate` throws an `AllocationError` rather than
 *   silently overspending. A total at or above Σ upper puts every unit at its upper bound.
 * - Where marginals turn negative (value falls with spend) the allocation stops at the point of
 *   zero marginal return, so Σ x may be less than total; for increasing curves Σ x = total.
 *
 * Method (the Lagrangian "water-filling" of the Robyn/Meridian allocators, made exact): for a
 * price λ every unit spends x_i(λ) = the largest x in its bounds whose marginal return is still
 * ≥ λ (bisection per unit, marginal being non-increasing). Σ x_i(λ) falls as λ rises; λ is
 * bisected until the two sides bracket the total to ~1e-13 relative, and the small remainder
 * is handed out unit by unit among those whose spend differs across the bracket (ties: flat
 * or linear stretches at exactly λ, where any split is optimal). The result therefore
 * equalises marginal return wherever bounds do not bind.
 *
 * Guarantee: for concave units the result is optimal to floating-point precision. With
 * S-shaped units it is optimal over the concave envelopes, and at most one unit ends strictly
 * inside its convex stretch; that unit is then tried at its lower bound, at its tangent point and where
 * it stands, the others re-allocated each time, and the best kept. The objective is then at
 * least the true optimum minus the largest gap between a unit's envelope and its curve
 * (a Shapley–Folkman bound), and exact whenever no unit ends inside a convex stretch.
 */

import { checkHill, hill, hillDerivative, hillInflection, type HillParams } from '@platforms/sandbox/hill';

export interface AllocationUnit {
  lower: number;
  upper: number;
  value(x: number): number;
  marginal(x: number): number;
  /** S-shaped units: where the curve turns from convex to concave. */
  knee?: number;
}

export interface AllocationResult {
  spend: number[];
  /** Σ value_i(spend_i) on the true curves. */
  value: number;
  /** The common marginal return of units not held by a bound: the value of one more unit of budget. */
  marginalReturn: number;
}

export class AllocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationError';
  }
}

const UNIT_ITERATIONS = 80;
const PRICE_ITERATIONS = 400;
const PRICE_RELATIVE_TOLERANCE = 1e-13;

export function allocate(units: AllocationUnit[], total: number): number[] {
  return solveAllocation(units, total).spend;
}

export function solveAllocation(units: AllocationUnit[], total: number): AllocationResult {
  validate(units, total);
  const first = waterFill(units, total);
  const fractional = first.spend.findIndex((x, i) => x > units[i].lower + slack(x) && x < first.tangents[i] - slack(x));
  const best =
    fractional < 0
      ? first
      : [first, pinned(units, total, fractional, units[fractional].lower), pinned(units, total, fractional, first.tangents[fractional])]
          .filter((candidate): candidate is Solution => candidate !== null)
          .reduce((a, b) => (objective(units, b.spend) > objective(units, a.spend) ? b : a));
  return { spend: best.spend, value: objective(units, best.spend), marginalReturn: best.price };
}

const slack = (x: number) => 1e-9 * (1 + x);

function validate(units: AllocationUnit[], total: number): void {
  if (!Number.isFinite(total) || total < 0) throw new AllocationError(`total must be a finite number ≥ 0, got ${total}`);
  let lowerSum = 0;
  units.forEach((u, i) => {
    if (!Number.isFinite(u.lower) || u.lower < 0) throw new AllocationError(`units[${i}].lower must be a finite number ≥ 0, got ${u.lower}`);
    if (Number.isNaN(u.upper) || u.upper < u.lower) throw new AllocationError(`units[${i}].upper (${u.upper}) must be ≥ lower (${u.lower})`);
    if (u.knee !== undefined && !(Number.isFinite(u.knee) && u.knee >= 0))
      throw new AllocationError(`units[${i}].knee must be a finite number ≥ 0, got ${u.knee}`);
    lowerSum += u.lower;
  });
  if (total < lowerSum * (1 - 1e-12)) {
    throw new AllocationError(`total ${total} is below the sum of lower bounds ${lowerSum}: no allocation can meet every lower bound`);
  }
}

interface Solution {
  spend: number[];
  price: number;
  /** Per unit, where its concave envelope meets the curve (its lower bound when concave). */
  tangents: number[];
}

interface Curve {
  lower: number;
  upper: number;
  marginal(x: number): number;
}

/**
 * Where the tangent from (lower, value(lower)) touches the concave part of an S-shaped unit, or
 * `cap` when the chord to `cap` stays above the curve. On [knee, cap] the gap below is
 * non-increasing (its derivative is value'' · (t − lower) ≤ 0), so bisection finds its root.
 */
function tangentPoint(unit: AllocationUnit, cap: number): number {
  const start = Math.min(unit.knee ?? unit.lower, cap);
  if (start <= unit.lower) return unit.lower;
  const base = unit.value(unit.lower);
  const gap = (t: number) => unit.marginal(t) * (t - unit.lower) - (unit.value(t) - base);
  if (gap(cap) >= 0) return cap;
  let lo = start;
  let hi = cap;
  for (let i = 0; i < UNIT_ITERATIONS && hi - lo > 1e-13 * (1 + hi); i++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) >= 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Concave envelope: constant slope from lower to the tangent point, the curve beyond. */
function envelopeOf(unit: AllocationUnit, tangent: number): Curve {
  if (tangent <= unit.lower) return unit;
  const slope = (unit.value(tangent) - unit.value(unit.lower)) / (tangent - unit.lower);
  return { lower: unit.lower, upper: unit.upper, marginal: (x) => (x < tangent ? slope : unit.marginal(x)) };
}

/** Re-solve with one unit held at `at`; null when the others cannot absorb the rest. */
function pinned(units: AllocationUnit[], total: number, index: number, at: number): Solution | null {
  const rest = total - at;
  const others = units.filter((_, i) => i !== index);
  if (rest < others.reduce((s, u) => s + u.lower, 0)) return null;
  const solved = waterFill(others, rest);
  const spend = [...solved.spend];
  spend.splice(index, 0, at);
  const tangents = [...solved.tangents];
  tangents.splice(index, 0, at);
  return { spend, price: solved.price, tangents };
}

function objective(units: AllocationUnit[], spend: number[]): number {
  return units.reduce((s, u, i) => s + u.value(spend[i]), 0);
}

function waterFill(units: AllocationUnit[], total: number): Solution {
  const lowerSum = units.reduce((s, u) => s + u.lower, 0);
  // No unit needs more than what is left once every other unit has its lower bound.
  const caps = units.map((u) => Math.min(u.upper, u.lower + Math.max(0, total - lowerSum)));
  const tangents = units.map((u, i) => tangentPoint(u, caps[i]));
  const curves = units.map((u, i) => envelopeOf(u, tangents[i]));
  const at = (price: number) => curves.map((c, i) => spendAtPrice(c, caps[i], price));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

  if (total <= lowerSum) {
    const price = Math.max(0, ...curves.filter((c) => c.upper > c.lower).map((c) => c.marginal(c.lower)));
    return { spend: units.map((u) => u.lower), price, tangents };
  }
  const free = at(0);
  if (sum(free) <= total) return { spend: free, price: 0, tangents };

  let high = 1;
  for (let i = 0; sum(at(high)) > total && i < 2100; i++) high *= 2;
  let low = 0;
  for (let i = 0; i < PRICE_ITERATIONS && (low === 0 || high / low - 1 > PRICE_RELATIVE_TOLERANCE); i++) {
    const mid = low === 0 ? high / 16 : Math.sqrt(low * high);
    if (mid === 0) break;
    if (sum(at(mid)) >= total) low = mid;
    else high = mid;
  }
  const under = at(high);
  const over = low === 0 ? free : at(low);
  let remainder = total - sum(under);
  const spend = under.map((x, i) => {
    const take = Math.min(Math.max(0, over[i] - x), Math.max(0, remainder));
    remainder -= take;
    return x + take;
  });
  return { spend, price: high, tangents };
}

/** The largest x in [lower, cap] whose marginal return is still at least `price`. */
function spendAtPrice(curve: Curve, cap: number, price: number): number {
  if (cap <= curve.lower || !(curve.marginal(curve.lower) >= price)) return curve.lower;
  if (curve.marginal(cap) >= price) return cap;
  let lo = curve.lower;
  let hi = cap;
  for (let i = 0; i < UNIT_ITERATIONS && hi - lo > 1e-13 * (1 + hi); i++) {
    const mid = (lo + hi) / 2;
    if (curve.marginal(mid) >= price) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A Hill curve as an allocation unit; `scale` turns conversions into the objective (e.g. revenue per conversion × a day's weekday factor). */
export function hillUnit(params: HillParams, scale: number, lower: number, upper: number): AllocationUnit {
  checkHill(params);
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`hillUnit: scale must be a finite number ≥ 0, got ${scale}`);
  return {
    lower,
    upper,
    value: (x) => scale * hill(x, params),
    marginal: (x) => (scale === 0 ? 0 : scale * hillDerivative(x, params)),
    knee: params.shape > 1 ? hillInflection(params) : undefined,
  };
}
