import {
  BIAS_PRIOR_OUTCOMES,
  BIAS_RATIO_LIMITS,
  CALIBRATION_HALF_LIFE_OUTCOMES,
  CALIBRATION_WINDOW,
  HIGH_VOLATILITY_WIDEN,
  JUMP_FACTOR,
  JUMP_RECENT,
  WIDTH_PRIOR_OUTCOMES,
  WIDTH_SCALE_LIMITS,
} from './assumptions';
import type { Interval80 } from './types';

/** A closed outcome: the model's own (uncalibrated) forecast beside what happened. */
export interface CalibrationOutcome extends Interval80 {
  actual: number;
}

/**
 * Learns from closed outcomes how to correct one forecast stream (one model and metric):
 * a multiplicative bias and an interval-width scale, so that calibrated 80% intervals hold
 * about 80% of outcomes (a recency-weighted conformal quantile of normalised errors), and a
 * jump detector that flags high volatility when recent errors grow suddenly.
 * Record the model's raw forecasts, never ones this calibrator already adjusted.
 */
export class Calibrator {
  private readonly outcomes: CalibrationOutcome[] = [];
  private state = { bias: 1, widthScale: 1, volatile: false };

  record(outcome: CalibrationOutcome): void {
    for (const field of ['point', 'low80', 'high80', 'actual'] as const) {
      if (!Number.isFinite(outcome[field])) throw new RangeError(`calibration outcome ${field} must be a finite number, got ${outcome[field]}`);
    }
    if (!(outcome.low80 <= outcome.point && outcome.point <= outcome.high80)) {
      throw new RangeError(`calibration outcome must have low80 ≤ point ≤ high80, got ${outcome.low80} ≤ ${outcome.point} ≤ ${outcome.high80}`);
    }
    this.outcomes.push({ ...outcome });
    if (this.outcomes.length > CALIBRATION_WINDOW) this.outcomes.shift();
    this.recompute();
  }

  /** Multiply raw points by this. */
  get bias(): number {
    return this.state.bias;
  }

  /** Multiply raw interval half-widths by this (before any volatility widening). */
  get widthScale(): number {
    return this.state.widthScale;
  }

  /** Recent errors jumped: forecasts are being widened and the agent should look more often. */
  get volatile(): boolean {
    return this.state.volatile;
  }

  get count(): number {
    return this.outcomes.length;
  }

  /** A raw forecast corrected for bias, width and volatility. Non-negative intervals stay non-negative. */
  apply(raw: Interval80): Interval80 {
    const { bias, widthScale, volatile } = this.state;
    const stretch = bias * widthScale * (volatile ? HIGH_VOLATILITY_WIDEN : 1);
    const point = raw.point * bias;
    const low = point - stretch * (raw.point - raw.low80);
    return {
      point,
      low80: raw.low80 >= 0 ? Math.max(0, low) : low,
      high80: point + stretch * (raw.high80 - raw.point),
    };
  }

  /** Share of the recorded outcomes inside their interval as calibrated now. */
  coverage(): number {
    if (this.outcomes.length === 0) return 0;
    const inside = this.outcomes.filter((o) => {
      const c = this.apply(o);
      return o.actual >= c.low80 && o.actual <= c.high80;
    });
    return inside.length / this.outcomes.length;
  }

  private recompute(): void {
    const n = this.outcomes.length;
    const weights = this.outcomes.map((_, i) => Math.pow(0.5, (n - 1 - i) / CALIBRATION_HALF_LIFE_OUTCOMES));
    const totalWeight = weights.reduce((s, w) => s + w, 0);

    let logRatio = 0;
    this.outcomes.forEach((o, i) => {
      if (o.point > 0) logRatio += weights[i] * Math.log(clamp(o.actual / o.point, BIAS_RATIO_LIMITS.min, BIAS_RATIO_LIMITS.max));
    });
    const bias = Math.exp(logRatio / (totalWeight + BIAS_PRIOR_OUTCOMES));

    const errors = this.outcomes.map((o) => normalisedError(o, bias));
    // Split-conformal finite-sample level: the ⌈0.8·(n+1)⌉-th of n errors, n the effective count.
    const effective = totalWeight ** 2 / weights.reduce((s, w) => s + w * w, 0);
    const quantile = weightedQuantile(errors, weights, Math.min(1, 0.8 * (1 + 1 / effective)));
    const logScale = (totalWeight * Math.log(clamp(quantile, WIDTH_SCALE_LIMITS.min, WIDTH_SCALE_LIMITS.max))) / (totalWeight + WIDTH_PRIOR_OUTCOMES);
    const widthScale = Math.exp(logScale);

    // Judge the latest errors against the spread before them, which they have not yet inflated.
    const settled = n - JUMP_RECENT;
    const volatile =
      settled >= JUMP_RECENT &&
      median(errors.slice(settled)) >
        JUMP_FACTOR * Math.max(WIDTH_SCALE_LIMITS.min, weightedQuantile(errors.slice(0, settled), weights.slice(0, settled), 0.8));
    this.state = { bias, widthScale, volatile };
  }
}

/** The error in units of the interval's half-width on its side: 1 means exactly on the 80% bound. */
function normalisedError(o: CalibrationOutcome, bias: number): number {
  const point = o.point * bias;
  const half = bias * (o.actual >= point ? o.high80 - o.point : o.point - o.low80);
  const miss = Math.abs(o.actual - point);
  if (half > 0) return miss / half;
  return miss === 0 ? 0 : WIDTH_SCALE_LIMITS.max;
}

function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i];
    if (cumulative >= q * total) return values[i];
  }
  return values[order[order.length - 1]];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
