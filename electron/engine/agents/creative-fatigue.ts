import type { DailyObservation } from '../forecast';
import { RECENT_DAYS, type Measure, type RateEstimate } from './segments';

/**
 * How a creative tires: its conversions (or revenue) per unit of spend as a log-linear trend in
 * the days it has run, log rate = a + b·t, fitted by quasi-Poisson regression with the exposure
 * spend × completeness. Assumptions, all here:
 * - Only days with spend count, one step of t each: a creative tires while it runs, so a rested
 *   creative is where it was when it stopped (resting never makes it worse; if it recovers, the
 *   next days it runs will show that).
 * - Priors: the level starts at the campaign's pooled rate, worth LEVEL_PRIOR_CONVERSIONS
 *   conversions; the daily trend at 0 with SLOPE_PRIOR_SD, about a halving in two weeks at one
 *   standard deviation: most creatives tire slowly, some fast, few get better.
 * - Days count with weights halving every WEIGHT_HALF_LIFE_DAYS of the creative's running days,
 *   over its last RECENT_DAYS of them, so a trend that bends is followed.
 * - Conversions vary from day to day more than Poisson counts would (the day's luck, the weekday,
 *   attribution still filling in): the dispersion is read from the fit's own residuals.
 */
const LEVEL_PRIOR_CONVERSIONS = 2;
const SLOPE_PRIOR_SD = 0.05;
const WEIGHT_HALF_LIFE_DAYS = 10;
const NEWTON_STEPS = 25;
/** The first days a creative ran: what it did when new. */
const FRESH_DAYS = 7;

export interface FatigueFit {
  /** The rate on the day asked for. */
  level: RateEstimate;
  /** The factor by which the rate changes with each day it runs. */
  dailyFactor: number;
  /** Days the fit saw the creative run. */
  days: number;
  /** Log posterior density at the fit (Poisson, up to a constant): compares fits of the same days counted differently. */
  logPosterior: number;
}

interface Point {
  t: number;
  y: number;
  exposure: number;
  weight: number;
}

/**
 * The level asked for: on the `next` day a running creative runs, the `last` day a rested one ran,
 * or the `first` day it ran in the lookback (what it did when new), from its first FRESH_DAYS.
 */
export type LevelAt = 'next' | 'last' | 'first';

export function fitFatigue(days: readonly DailyObservation[], measure: Measure, prior: number, at: LevelAt): FatigueFit {
  const ran = days.filter((d) => d.spend > 0);
  const live = at === 'first' ? ran.slice(0, FRESH_DAYS) : ran.slice(-RECENT_DAYS);
  const origin = at === 'next' ? live.length : at === 'last' ? live.length - 1 : 0;
  const points: Point[] = live.map((d, i) => ({
    t: i - origin,
    y: measure === 'conversions' ? d.conversions : d.revenue,
    exposure: d.spend * Math.max(d.completeness, 1e-3),
    weight: 0.5 ** ((live.length - 1 - i) / WEIGHT_HALF_LIFE_DAYS),
  }));
  const priorLevel = Math.log(prior > 0 ? prior : 1e-9);
  // Revenue sums each order's value: its Poisson scale is the mean value of an order.
  const orders = live.reduce((s, d, i) => s + points[i].weight * d.conversions, 0);
  const value = points.reduce((s, p) => s + p.weight * p.y, 0);
  const perOrder = measure === 'revenue' && orders > 0 ? value / orders : 1;
  let fit = solve(points, priorLevel, perOrder);
  const weightSum = points.reduce((s, p) => s + p.weight, 0);
  if (weightSum > 3) {
    let pearson = 0;
    for (const p of points) {
      const mu = p.exposure * Math.exp(fit.a + fit.b * p.t);
      if (mu > 0) pearson += (p.weight * (p.y - mu) ** 2) / mu;
    }
    fit = solve(points, priorLevel, Math.max(perOrder, pearson / (weightSum - 2)));
  }
  const mean = Math.exp(fit.a + fit.varA / 2);
  let logPosterior = -0.5 * LEVEL_PRIOR_CONVERSIONS * (fit.a - priorLevel) ** 2 - 0.5 * (fit.b / SLOPE_PRIOR_SD) ** 2;
  for (const p of points) {
    const logMu = Math.log(p.exposure) + fit.a + fit.b * p.t;
    logPosterior += (p.weight * (p.y * logMu - Math.exp(logMu))) / perOrder;
  }
  return {
    logPosterior,
    level: { mean, shape: 1 / fit.varA, logVariance: fit.varA },
    dailyFactor: Math.exp(fit.b),
    days: live.length,
  };
}

/** Mean of the rate over the next `days` running days, as a multiple of its level. */
export function windowFactor(fit: Pick<FatigueFit, 'dailyFactor'>, days: number): number {
  let sum = 0;
  for (let k = 0; k < days; k++) sum += fit.dailyFactor ** k;
  return sum / days;
}

/** Posterior mode of (a, b) by Newton's method, and the variance of a from the curvature there. */
function solve(points: readonly Point[], priorLevel: number, dispersion: number): { a: number; b: number; varA: number } {
  let a = priorLevel;
  let b = 0;
  const slopePrecision = 1 / SLOPE_PRIOR_SD ** 2;
  let haa = 0;
  let hab = 0;
  let hbb = 0;
  for (let step = 0; step < NEWTON_STEPS; step++) {
    let ga = -LEVEL_PRIOR_CONVERSIONS * (a - priorLevel);
    let gb = -slopePrecision * b;
    haa = LEVEL_PRIOR_CONVERSIONS;
    hab = 0;
    hbb = slopePrecision;
    for (const p of points) {
      const mu = p.exposure * Math.exp(a + b * p.t);
      const w = p.weight / dispersion;
      ga += w * (p.y - mu);
      gb += w * (p.y - mu) * p.t;
      haa += w * mu;
      hab += w * mu * p.t;
      hbb += w * mu * p.t * p.t;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped: a first step from the prior can overshoot where counts are large.
    const scale = Math.min(1, 1 / Math.max(Math.abs(da), Math.abs(db) * 10));
    a += da * scale;
    b += db * scale;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b, varA: hbb / (haa * hbb - hab * hab) };
}
