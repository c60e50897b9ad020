import { DAY_MS } from '@shared/time';
import type { Random } from '@shared/random';
import type { DailyObservation } from '@engine/forecast/types';

/** Synthetic truth for forecast tests: a known Hill curve (shape 1) with gamma–Poisson noise. */

export const START = Date.UTC(2026, 0, 5);

export function normal(r: Random): number {
  const u = 1 - r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/** Marsaglia–Tsang. */
export function gamma(r: Random, shape: number): number {
  if (shape < 1) return gamma(r, shape + 1) * Math.pow(1 - r.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(r);
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(1 - r.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function poisson(r: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = r.next(); p > limit; p *= r.next()) k++;
  return k;
}

export function binomial(r: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.next() < p) k++;
  return k;
}

export interface Truth {
  maxConversions: number;
  halfSaturationSpend: number;
  /** Squared CV of the daily rate. */
  dispersion?: number;
  orderValue?: number;
  orderSigma?: number;
  /** Monday first. */
  weekly?: number[];
}

export function expected(truth: Truth, spend: number, day: number): number {
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return ((truth.maxConversions * spend) / (spend + truth.halfSaturationSpend)) * (truth.weekly?.[weekday] ?? 1);
}

/** One day's final conversions and revenue drawn from the truth. */
export function draw(r: Random, truth: Truth, spend: number, day: number, multiplier = 1): { conversions: number; revenue: number } {
  const phi = truth.dispersion ?? 0.01;
  const rate = expected(truth, spend, day) * multiplier * (phi > 0 ? gamma(r, 1 / phi) * phi : 1);
  const conversions = poisson(r, rate);
  return { conversions, revenue: orders(r, truth, conversions) };
}

export function orders(r: Random, truth: Truth, n: number): number {
  const mean = truth.orderValue ?? 50;
  const sigma = truth.orderSigma ?? 0.3;
  let revenue = 0;
  for (let i = 0; i < n; i++) revenue += mean * Math.exp(sigma * normal(r) - (sigma * sigma) / 2);
  return revenue;
}

/** `days` complete days from START with spend varying log-normally around `spend`. */
export function history(r: Random, truth: Truth, days: number, spend: number, spread = 0.35): DailyObservation[] {
  return Array.from({ length: days }, (_, i) => {
    const day = START + i * DAY_MS;
    const x = spend * Math.exp(spread * normal(r));
    return { day, spend: x, ...draw(r, truth, x, day), completeness: 1 };
  });
}
