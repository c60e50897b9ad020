import { stream } from '@shared/random';

/**
 * The sandbox's random numbers. Every draw is a pure function of what it is about (a key made
 * once per campaign or unit from `stream(seed, ...)`, plus the hour and a counter), never the
 * next number of one shared generator: two worlds of the same scenario and seed see the very
 * same draws whatever their settings (common random numbers). Counts are sampled by inverse CDF
 * so that, with the same uniform, a higher rate never gives fewer conversions.
 */

/** A 32-bit key for one thing in the world, e.g. keyFor(seed, 'conv', campaignId, audienceId, creativeId). */
export function keyFor(seed: number, ...parts: (string | number)[]): number {
  return Math.floor(stream(seed, ...parts).next() * 4294967296) >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1), never 0 or 1, so that quantile functions stay finite. */
export function uniform(key: number, a: number, b = 0): number {
  const h = mix(mix(mix(key ^ 0x9e3779b9) ^ Math.imul(a + 1, 0x85ebca6b)) ^ Math.imul(b + 1, 0xc2b2ae35));
  return (h + 0.5) / 4294967296;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Below this rate the exact Poisson CDF is walked; above it the normal approximation is used (error well under one count). */
const EXACT_POISSON_LIMIT = 60;

/** The Poisson(λ) count at probability u: non-decreasing in λ for a fixed u. */
export function poissonQuantile(lambda: number, u: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > EXACT_POISSON_LIMIT) return Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * normalQuantile(u) + 0.5));
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/**
 * A gamma multiplier with mean 1 and coefficient of variation `cv`, at probability u, by the
 * Wilson–Hilferty approximation of the gamma quantile (one draw per campaign-day, so accuracy
 * in the far tail matters less than cost and monotonicity).
 */
export function gammaMultiplier(cv: number, u: number): number {
  if (!(cv > 0)) return 1;
  const shape = 1 / (cv * cv);
  const t = 1 - 1 / (9 * shape) + normalQuantile(u) / (3 * Math.sqrt(shape));
  return t > 0 ? t * t * t : 0;
}

/** Lognormal with the given MEAN (not median) and log-sd: mu = ln(mean) − sigma²/2. */
export function lognormalWithMean(mean: number, sigma: number, u: number): number {
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normalQuantile(u));
}

/** Exponential with the given mean, at probability u. */
export function exponential(mean: number, u: number): number {
  return mean > 0 ? -mean * Math.log(1 - u) : 0;
}
