import type { DailyObservation } from '../forecast';
import { normalCdf } from '../forecast/distribution';
import { DAY_MS } from '@shared/time';

/**
 * What a campaign's creatives or audiences (its segments) return per unit of spend, from the
 * platform's breakdown rows. Assumptions, all here:
 * - A segment's conversions (or revenue) per unit of spend is a rate with a Gamma posterior:
 *   shape = PRIOR_CONVERSIONS + weighted conversions, rate = its spend equivalent, weights
 *   halving every RECENT_HALF_LIFE_DAYS so fatigue and drift show. Conversions are read with
 *   their reported completeness (exposure = spend × completeness).
 * - The prior is the campaign's pooled rate, worth PRIOR_CONVERSIONS conversions.
 * - Comparisons use the log-normal approximation of the Gamma: log rate ~ N(log(α/β), 1/α).
 */
export const RECENT_HALF_LIFE_DAYS = 5;
export const RECENT_DAYS = 21;
const PRIOR_CONVERSIONS = 2;

export interface RateEstimate {
  /** Posterior mean of the rate, per unit of spend. */
  mean: number;
  /** Posterior shape: about the number of conversions behind the estimate. */
  shape: number;
  /** Variance of log(rate). */
  logVariance: number;
}

export type Measure = 'conversions' | 'revenue';

function estimate(days: readonly DailyObservation[], measure: Measure, prior: number, weight: (d: DailyObservation) => number): RateEstimate {
  let alpha = PRIOR_CONVERSIONS;
  let beta = prior > 0 ? PRIOR_CONVERSIONS / prior : 1e9;
  let orders = PRIOR_CONVERSIONS;
  for (const d of days) {
    const w = weight(d);
    if (w <= 0 || d.spend <= 0) continue;
    alpha += w * (measure === 'conversions' ? d.conversions : d.revenue);
    beta += w * d.spend * Math.max(d.completeness, 1e-3);
    orders += w * d.conversions;
  }
  // For revenue the noise comes from the number of orders, not the amount.
  return { mean: alpha / beta, shape: alpha, logVariance: 1 / Math.max(orders, 1e-9) };
}

/** The pooled rate of a set of segments' days: the prior every segment starts from. */
export function pooledRate(all: readonly (readonly DailyObservation[])[], measure: Measure): number {
  let value = 0;
  let exposure = 0;
  for (const days of all) {
    for (const d of days) {
      value += measure === 'conversions' ? d.conversions : d.revenue;
      exposure += d.spend * Math.max(d.completeness, 1e-3);
    }
  }
  return exposure > 0 ? value / exposure : 0;
}

/** `now` and the days' starts are local midnights: their distance in days is whole, daylight saving rounded off. */
export function recentRate(days: readonly DailyObservation[], measure: Measure, prior: number, now: number): RateEstimate {
  return estimate(days, measure, prior, (d) => {
    const age = Math.round((now - d.day) / DAY_MS);
    return age <= RECENT_DAYS ? 0.5 ** (age / RECENT_HALF_LIFE_DAYS) : 0;
  });
}

/** Posterior probability that a's rate is below `factor` times b's. */
export function probabilityBelow(a: RateEstimate, b: RateEstimate, factor: number): number {
  const z = (Math.log(factor) - (Math.log(a.mean) - Math.log(b.mean))) / Math.sqrt(a.logVariance + b.logVariance);
  return normalCdf(z);
}
