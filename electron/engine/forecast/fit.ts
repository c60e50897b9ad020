import { DAY_MS } from '@shared/time';
import {
  EVENT_LOG_SD,
  EVENT_PRIOR_CONVERSIONS,
  K_GRID_SIZE,
  K_GRID_SPAN,
  K_PRIOR_LOG_SD,
  M_PRIOR_RATE,
  M_PRIOR_SHAPE,
  MAX_DISPERSION,
  MIN_COMPLETENESS,
  PRIOR_DISPERSION,
  PRIOR_DISPERSION_DAYS,
  PRIOR_ORDER_VALUE_CV,
  PRIOR_ORDER_VALUE_DAYS,
  WEEKDAY_HALF_LIFE_DAYS,
  WEEKDAY_PRIOR_CONVERSIONS,
} from './assumptions';
import { logGamma } from './distribution';
import type { ForecastEvent } from './types';

/** An observation with its weekday and calendar event resolved. */
export interface PreparedDay {
  day: number;
  spend: number;
  conversions: number;
  revenue: number;
  completeness: number;
  weekday: number;
  event: ForecastEvent | null;
}

export interface EventEffect {
  multiplier: number;
  /** Uncertainty of log(multiplier). */
  logSd: number;
}

/**
 * The posterior of one fit: a grid over K with, per K, the conjugate Gamma(alpha, beta) posterior
 * of M; plus the weekday multipliers, overdispersion, event effects and order value.
 */
export interface ResponseFit {
  ks: number[];
  probs: number[];
  alphas: number[];
  betas: number[];
  weekday: number[];
  dispersion: number;
  events: Map<string, EventEffect>;
  orderValue: number;
  /** Variance of one order's value. */
  orderVariance: number;
  /** Variance of the estimate `orderValue`. */
  orderValueVariance: number;
  halfLifeDays: number;
  effectiveDays: number;
  lastDay: number;
}

const FIT_ROUNDS = 3;

/** Null when no day has both spend and enough reported conversions to learn from. */
export function fitResponse(days: readonly PreparedDay[], halfLifeDays: number): ResponseFit | null {
  const usable = days.filter((d) => d.spend > 0 && d.completeness >= MIN_COMPLETENESS);
  if (usable.length === 0) return null;
  const lastDay = Math.max(...days.map((d) => d.day));
  const weightOf = (d: PreparedDay) => Math.pow(0.5, (lastDay - d.day) / DAY_MS / halfLifeDays);
  const nonEvent = usable.filter((d) => !d.event);
  // Learning only from event days (a model born during an event) beats learning nothing.
  const base = nonEvent.length > 0 ? nonEvent : usable;
  const w = base.map(weightOf);
  const weekdayWeights = base.map((d) => Math.pow(0.5, (lastDay - d.day) / DAY_MS / WEEKDAY_HALF_LIFE_DAYS));
  const ks = kGrid(base.map((d) => d.spend));
  const logPrior = kLogPrior(
    ks,
    base.map((d) => d.spend),
  );

  const table = curveTable(base, w, ks);
  let weekday = [1, 1, 1, 1, 1, 1, 1];
  let dispersion = PRIOR_DISPERSION;
  let overdispersion = 1;
  let posterior = curvePosterior(base, w, table, logPrior, weekday, overdispersion);
  for (let round = 1; round < FIT_ROUNDS; round++) {
    const fitted = fittedBase(posterior, table, base, weekday);
    weekday = weekdayMultipliers(base, weekdayWeights, fitted, weekday);
    const refitted = fittedBase(posterior, table, base, weekday);
    dispersion = estimateDispersion(base, w, refitted);
    const totalWeight = w.reduce((s, x) => s + x, 0);
    overdispersion = 1 + dispersion * (refitted.reduce((s, m, i) => s + w[i] * m, 0) / totalWeight);
    posterior = curvePosterior(base, w, table, logPrior, weekday, overdispersion);
  }
  return {
    ks,
    ...posterior,
    weekday,
    dispersion,
    events: eventEffects(
      usable.filter((d) => d.event),
      (d) => expectedReported(posterior, ks, weekday, d),
    ),
    ...orderValue(days, weightOf),
    halfLifeDays,
    effectiveDays: usable.reduce((s, d) => s + weightOf(d), 0),
    lastDay,
  };
}

function kGrid(spends: readonly number[]): number[] {
  const lo = K_GRID_SPAN.below * Math.min(...spends);
  const hi = K_GRID_SPAN.above * Math.max(...spends);
  return Array.from({ length: K_GRID_SIZE }, (_, i) => lo * Math.pow(hi / lo, i / (K_GRID_SIZE - 1)));
}

/** Log-normal around the median spend, on a log-spaced grid (so no Jacobian term). */
export function kLogPrior(ks: readonly number[], spends: readonly number[]): number[] {
  const sorted = [...spends].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return ks.map((k) => -0.5 * (Math.log(k / median) / K_PRIOR_LOG_SD) ** 2);
}

interface CurvePosterior {
  probs: number[];
  alphas: number[];
  betas: number[];
}

/**
 * Every base day's curve value x/(x+K) at every K, and the part of the log-likelihood that
 * depends on K alone (Σ w·y·log h): computed once per fit, so each refinement round is cheap.
 */
interface CurveTable {
  ks: readonly number[];
  h: Float64Array;
  logLik: Float64Array;
  weightedConversions: number;
}

function curveTable(base: readonly PreparedDay[], w: readonly number[], ks: readonly number[]): CurveTable {
  const n = ks.length;
  const h = new Float64Array(base.length * n);
  const logLik = new Float64Array(n);
  let weightedConversions = 0;
  base.forEach((d, i) => {
    const wy = w[i] * d.conversions;
    weightedConversions += wy;
    for (let k = 0; k < n; k++) {
      const value = d.spend / (d.spend + ks[k]);
      h[i * n + k] = value;
      if (wy > 0) logLik[k] += wy * Math.log(value);
    }
  });
  return { ks, h, logLik, weightedConversions };
}

/**
 * Grid prior over K; Gamma prior on M; Poisson likelihood tempered by the overdispersion factor.
 * The likelihood's log(completeness · weekday) terms do not depend on K and drop out.
 */
function curvePosterior(
  base: readonly PreparedDay[],
  w: readonly number[],
  table: CurveTable,
  logPrior: readonly number[],
  weekday: readonly number[],
  overdispersion: number,
): CurvePosterior {
  const n = table.ks.length;
  const exposure = new Float64Array(n);
  base.forEach((d, i) => {
    const scale = w[i] * d.completeness * weekday[d.weekday];
    for (let k = 0; k < n; k++) exposure[k] += scale * table.h[i * n + k];
  });
  const alpha = M_PRIOR_SHAPE + table.weightedConversions / overdispersion;
  const alphas = new Array<number>(n).fill(alpha);
  const betas = Array.from(exposure, (e) => M_PRIOR_RATE + e / overdispersion);
  const logEvidence = betas.map((beta, k) => logPrior[k] + logGamma(alpha) - alpha * Math.log(beta) + table.logLik[k] / overdispersion);
  const top = Math.max(...logEvidence);
  const raw = logEvidence.map((l) => Math.exp(l - top));
  const sum = raw.reduce((s, x) => s + x, 0);
  return { probs: raw.map((x) => x / sum), alphas, betas };
}

/** Expected reported conversions of each base day under the posterior. */
function fittedBase(posterior: CurvePosterior, table: CurveTable, base: readonly PreparedDay[], weekday: readonly number[]): number[] {
  const n = table.ks.length;
  const coefficient = posterior.probs.map((p, k) => (p * posterior.alphas[k]) / posterior.betas[k]);
  return base.map((d, i) => {
    let m = 0;
    for (let k = 0; k < n; k++) m += coefficient[k] * table.h[i * n + k];
    return m * d.completeness * weekday[d.weekday];
  });
}

/** Expected reported conversions of any day under the posterior, without an event effect. */
function expectedReported(posterior: CurvePosterior, ks: readonly number[], weekday: readonly number[], d: PreparedDay): number {
  let m = 0;
  for (let k = 0; k < ks.length; k++) m += posterior.probs[k] * (posterior.alphas[k] / posterior.betas[k]) * (d.spend / (d.spend + ks[k]));
  return m * d.completeness * weekday[d.weekday];
}

/** Observed over fitted conversions per weekday, shrunk toward 1, normalised to mean 1. */
function weekdayMultipliers(base: readonly PreparedDay[], w: readonly number[], fitted: readonly number[], current: readonly number[]): number[] {
  const observed = new Array<number>(7).fill(0);
  const expected = new Array<number>(7).fill(0);
  base.forEach((d, i) => {
    observed[d.weekday] += w[i] * d.conversions;
    expected[d.weekday] += (w[i] * fitted[i]) / current[d.weekday];
  });
  const raw = observed.map((o, i) => (o + WEEKDAY_PRIOR_CONVERSIONS) / (expected[i] + WEEKDAY_PRIOR_CONVERSIONS));
  const mean = raw.reduce((s, x) => s + x, 0) / 7;
  return raw.map((x) => x / mean);
}

/** Method of moments on Var = μ + φμ², shrunk toward the prior with PRIOR_DISPERSION_DAYS pseudo-days. */
function estimateDispersion(base: readonly PreparedDay[], w: readonly number[], fitted: readonly number[]): number {
  let excess = 0;
  let scale = 0;
  let totalWeight = 0;
  base.forEach((d, i) => {
    const mu = fitted[i];
    excess += w[i] * ((d.conversions - mu) ** 2 - mu);
    scale += w[i] * mu * mu;
    totalWeight += w[i];
  });
  const raw = scale > 0 ? Math.max(0, excess / scale) : PRIOR_DISPERSION;
  const shrunk = (totalWeight * raw + PRIOR_DISPERSION_DAYS * PRIOR_DISPERSION) / (totalWeight + PRIOR_DISPERSION_DAYS);
  return Math.min(MAX_DISPERSION, shrunk);
}

function eventEffects(eventDays: readonly PreparedDay[], baseline: (d: PreparedDay) => number): Map<string, EventEffect> {
  const seen = new Map<string, { observed: number; expected: number; event: ForecastEvent }>();
  for (const d of eventDays) {
    const event = d.event as ForecastEvent;
    const entry = seen.get(event.name) ?? { observed: 0, expected: 0, event };
    entry.observed += d.conversions;
    entry.expected += baseline(d);
    seen.set(event.name, entry);
  }
  const effects = new Map<string, EventEffect>();
  for (const [name, { observed, expected, event }] of seen) {
    effects.set(name, {
      multiplier: (observed + EVENT_PRIOR_CONVERSIONS) / (expected + EVENT_PRIOR_CONVERSIONS),
      logSd: EVENT_LOG_SD[event.volatility] / Math.sqrt(1 + expected / EVENT_PRIOR_CONVERSIONS),
    });
  }
  return effects;
}

function orderValue(days: readonly PreparedDay[], weightOf: (d: PreparedDay) => number) {
  const withOrders = days.filter((d) => d.conversions > 0);
  let weightedRevenue = 0;
  let weightedConversions = 0;
  let weightedDays = 0;
  for (const d of withOrders) {
    const wd = weightOf(d);
    weightedRevenue += wd * d.revenue;
    weightedConversions += wd * d.conversions;
    weightedDays += wd;
  }
  if (weightedConversions === 0) return { orderValue: 0, orderVariance: 0, orderValueVariance: 0 };
  const mean = weightedRevenue / weightedConversions;
  // Each day's mean order value varies as (per-order variance) / (its conversions).
  let spread = 0;
  for (const d of withOrders) spread += weightOf(d) * d.conversions * (d.revenue / d.conversions - mean) ** 2;
  const orderVariance = (spread + PRIOR_ORDER_VALUE_DAYS * (PRIOR_ORDER_VALUE_CV * mean) ** 2) / (weightedDays + PRIOR_ORDER_VALUE_DAYS);
  return { orderValue: mean, orderVariance, orderValueVariance: orderVariance / weightedConversions };
}
