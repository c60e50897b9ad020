import { Z80 } from './assumptions';
import type { Interval80 } from './types';

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7): ~15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Standard normal CDF (Zelen & Severo 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? 1 - upper : upper;
}

/**
 * 10% and 90% quantiles of the gamma distribution with this mean and variance
 * (Wilson–Hilferty cube-root approximation): right-skewed and never negative, like counts and revenue.
 */
export function gammaInterval80(mean: number, variance: number): Interval80 {
  if (!(mean > 0)) return { point: 0, low80: 0, high80: 0 };
  if (!(variance > 0)) return { point: mean, low80: mean, high80: mean };
  const shape = (mean * mean) / variance;
  const c = 1 / (9 * shape);
  const quantile = (z: number) => mean * Math.pow(Math.max(0, 1 - c + z * Math.sqrt(c)), 3);
  return { point: mean, low80: quantile(-Z80), high80: quantile(Z80) };
}

/** Normal 80% interval, optionally clipped at zero (marginal returns cannot be negative). */
export function normalInterval80(mean: number, variance: number, nonNegative: boolean): Interval80 {
  const half = Z80 * Math.sqrt(Math.max(0, variance));
  const floor = nonNegative ? 0 : -Infinity;
  return { point: mean, low80: Math.max(floor, mean - half), high80: mean + half };
}
