import { AcmError } from '@shared/errors';
import { HOUR_MS } from '@shared/time';
import { DELAY_GRID_HOURS, DELAY_MEMORY_HOURS, DELAY_PRIOR_NO_DELAY } from './assumptions';

/** How far in time the estimator looks: the longest delay it believes in and how long it remembers reads. */
export interface DelayHorizon {
  /** The longest mean delay on the grid, in hours (default DELAY_GRID_HOURS.max). */
  maxDelayHours: number;
  /** Reads of hours older than this, in hours, are forgotten (default DELAY_MEMORY_HOURS). */
  memoryHours: number;
}

/**
 * The horizon for a platform whose reports keep changing for `settleDays` days: delays that long
 * can be believed in, and an hour's reads are remembered until its last re-read a day later, so
 * that every daily re-read of the trailing days counts.
 */
export function settlingDelayHorizon(settleDays: number | undefined): DelayHorizon {
  if (settleDays === undefined) return { maxDelayHours: DELAY_GRID_HOURS.max, memoryHours: DELAY_MEMORY_HOURS };
  if (!Number.isInteger(settleDays) || settleDays < 1)
    throw new AcmError('INVALID_INPUT', `the platform's reportsSettleDays must be a whole number of days ≥ 1, got ${settleDays}`);
  const hours = settleDays * 24;
  return { maxDelayHours: Math.max(DELAY_GRID_HOURS.max, hours), memoryHours: Math.max(DELAY_MEMORY_HOURS, hours + 24) };
}

/**
 * Learns how late a platform reports conversions, from successive reads of the same hours.
 *
 * Model: conversions happen evenly within their hour and each is reported after an exponential
 * delay of mean τ hours (τ = 0: at once). The share of an hour's final conversions visible
 * `a` hours after the hour's start is then
 *   F(a) = a − τ(1 − e^(−a/τ))              for 0 ≤ a < 1
 *   F(a) = 1 − τ(e^((1−a)/τ) − e^(−a/τ))     for a ≥ 1.
 * Given a later read of c conversions at age a, an earlier read at age a' saw each of them with
 * probability F(a')/F(a), so c' ~ Binomial(c, F(a')/F(a)) whatever the hour's (unknown) volume:
 * the likelihood of τ needs no rate estimate and stays unbiased with a handful of conversions.
 * The posterior over a grid of τ starts from DELAY_PRIOR_NO_DELAY on τ = 0 and log-uniform
 * belief on the rest (grid points as dense as DELAY_GRID_HOURS's however far `horizon` takes the
 * grid); completeness is its posterior mean share.
 */
export class AttributionDelayEstimator {
  private readonly taus: number[];
  private readonly logPosterior: number[];
  private readonly lastRead = new Map<number, { age: number; count: number }>();
  private latestReadAt = -Infinity;
  private weights: number[] | null = null;
  private readonly memoryHours: number;

  constructor(horizon: DelayHorizon = settlingDelayHorizon(undefined)) {
    const { min } = DELAY_GRID_HOURS;
    const max = horizon.maxDelayHours;
    const size = Math.round((DELAY_GRID_HOURS.size * Math.log(max / min)) / Math.log(DELAY_GRID_HOURS.max / min));
    this.memoryHours = horizon.memoryHours;
    this.taus = [0, ...Array.from({ length: size }, (_, i) => min * Math.pow(max / min, i / (size - 1)))];
    this.logPosterior = this.taus.map((tau) => Math.log(tau === 0 ? DELAY_PRIOR_NO_DELAY : (1 - DELAY_PRIOR_NO_DELAY) / size));
  }

  /** One read of one hour: `conversions` reported so far for the hour starting at `hourStart`, as read at `readAt`. */
  recordRead(hourStart: number, readAt: number, conversions: number): void {
    if (!Number.isFinite(hourStart) || !Number.isFinite(readAt))
      throw new RangeError(`recordRead: hourStart and readAt must be epoch ms, got ${hourStart} and ${readAt}`);
    if (!Number.isFinite(conversions) || conversions < 0)
      throw new RangeError(`recordRead: conversions must be a finite number ≥ 0, got ${conversions} for hour ${new Date(hourStart).toISOString()}`);
    const age = (readAt - hourStart) / HOUR_MS;
    if (age <= 0) return;
    const previous = this.lastRead.get(hourStart);
    if (previous && age <= previous.age) return;
    if (previous && conversions >= previous.count) this.addEvidence(previous.age, previous.count, age, conversions);
    this.lastRead.set(hourStart, { age, count: conversions });
    if (readAt > this.latestReadAt) {
      this.latestReadAt = readAt;
      this.forget();
    }
  }

  /** Expected share of an hour's final conversions reported `ageHours` after the hour started. */
  shareReported(ageHours: number): number {
    const w = this.posterior();
    return this.taus.reduce((s, tau, i) => s + w[i] * reportedShare(tau, ageHours), 0);
  }

  /**
   * Expected share of a day's final conversions reported by `readAt`; `hourWeights` (one number
   * per hour of the day: 24, or 23 and 25 across a daylight-saving change; e.g. the day's spend
   * per hour) say when in the day conversions happen (default: evenly over 24 hours).
   */
  dayCompleteness(dayStart: number, readAt: number, hourWeights?: readonly number[]): number {
    const hours = hourWeights ? hourWeights.length : 24;
    if (hours < 23 || hours > 25) throw new RangeError(`dayCompleteness: hourWeights must have 23 to 25 entries (the hours of a day), got ${hours}`);
    let total = 0;
    let reported = 0;
    for (let h = 0; h < hours; h++) {
      const weight = hourWeights ? hourWeights[h] : 1;
      if (!(weight >= 0)) throw new RangeError(`dayCompleteness: hourWeights[${h}] must be ≥ 0, got ${weight}`);
      total += weight;
      if (weight > 0) reported += weight * this.shareReported((readAt - dayStart) / HOUR_MS - h);
    }
    return total > 0 ? reported / total : 1;
  }

  /** Posterior mean of the delay τ, in hours. */
  meanDelayHours(): number {
    const w = this.posterior();
    return this.taus.reduce((s, tau, i) => s + w[i] * tau, 0);
  }

  private addEvidence(ageBefore: number, countBefore: number, ageAfter: number, countAfter: number): void {
    if (countAfter === 0) return;
    for (let i = 0; i < this.taus.length; i++) {
      const q = Math.min(1, reportedShare(this.taus[i], ageBefore) / reportedShare(this.taus[i], ageAfter));
      this.logPosterior[i] += xLogY(countBefore, q) + xLogY(countAfter - countBefore, 1 - q);
    }
    this.weights = null;
  }

  private posterior(): number[] {
    if (!this.weights) {
      const top = Math.max(...this.logPosterior);
      const raw = this.logPosterior.map((l) => Math.exp(l - top));
      const sum = raw.reduce((s, x) => s + x, 0);
      this.weights = raw.map((x) => x / sum);
    }
    return this.weights;
  }

  private forget(): void {
    const horizon = this.latestReadAt - this.memoryHours * HOUR_MS;
    for (const hour of this.lastRead.keys()) if (hour < horizon) this.lastRead.delete(hour);
  }
}

export function reportedShare(tau: number, ageHours: number): number {
  if (ageHours <= 0) return 0;
  if (tau === 0) return Math.min(1, ageHours);
  if (ageHours < 1) return ageHours - tau * (1 - Math.exp(-ageHours / tau));
  return 1 - tau * (Math.exp((1 - ageHours) / tau) - Math.exp(-ageHours / tau));
}

/** x·log(y) with 0·log(0) = 0. */
function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
