import { DAY_MS } from '@shared/time';
import { EVENT_LOG_SD } from './assumptions';
import { eventOn, maxVolatility, weekdayOf } from './calendar';
import { gammaInterval80, normalCdf, normalInterval80 } from './distribution';
import type { ResponseFit } from './fit';
import type { ChangeEffect, EffectInterval, Forecast, ForecastEvent, ForecastRequest, Volatility } from './types';

/**
 * The window's calendar in the sums the predictive moments need: per K only the curve value
 * changes, so each prediction costs O(days + grid).
 */
interface WindowShape {
  /** Σ over days of weekday · event multiplier. */
  g: number;
  /** Σ of its squares (independent daily noise). */
  g2: number;
  /** Per event in the window: its Σ multiplier and log-sd (one shared unknown effect). */
  events: { g: number; logSd: number }[];
  volatility: Volatility;
}

function windowShape(fit: ResponseFit, calendar: readonly ForecastEvent[], from: number, days: number): WindowShape {
  let g = 0;
  let g2 = 0;
  let volatility: Volatility = 'none';
  const events = new Map<string, { g: number; logSd: number }>();
  for (let j = 0; j < days; j++) {
    const day = from + j * DAY_MS;
    const event = eventOn(calendar, day);
    const learned = event ? fit.events.get(event.name) : undefined;
    const gj = fit.weekday[weekdayOf(day)] * (learned?.multiplier ?? 1);
    g += gj;
    g2 += gj * gj;
    if (event) {
      volatility = maxVolatility(volatility, event.volatility);
      const entry = events.get(event.name) ?? { g: 0, logSd: learned?.logSd ?? EVENT_LOG_SD[event.volatility] };
      entry.g += gj;
      events.set(event.name, entry);
    }
  }
  return { g, g2, events: [...events.values()], volatility };
}

/** Mean and variance of window conversions at daily spend x, mixed over the K posterior. */
interface Moments {
  mean: number;
  variance: number;
}

function conversionMoments(fit: ResponseFit, shape: WindowShape, x: number): Moments {
  let first = 0;
  let second = 0;
  for (let k = 0; k < fit.ks.length; k++) {
    const h = x / (x + fit.ks[k]);
    const em = fit.alphas[k] / fit.betas[k];
    const vm = em / fit.betas[k];
    const mean = em * h * shape.g;
    let variance = vm * (h * shape.g) ** 2 + mean + fit.dispersion * (em * h) ** 2 * shape.g2;
    for (const e of shape.events) variance += (e.logSd * em * h * e.g) ** 2;
    first += fit.probs[k] * mean;
    second += fit.probs[k] * (variance + mean * mean);
  }
  return { mean: first, variance: Math.max(0, second - first * first) };
}

function revenueMoments(fit: ResponseFit, conv: Moments): Moments {
  const v = fit.orderValue;
  return {
    mean: v * conv.mean,
    variance: v * v * conv.variance + fit.orderValueVariance * (conv.variance + conv.mean ** 2) + fit.orderVariance * conv.mean,
  };
}

/** d(window conversions)/d(window spend): the curve's slope, mixed over the posterior. */
function marginalMoments(fit: ResponseFit, shape: WindowShape, x: number, days: number): Moments {
  let first = 0;
  let second = 0;
  for (let k = 0; k < fit.ks.length; k++) {
    const slope = fit.ks[k] / (x + fit.ks[k]) ** 2;
    const em = fit.alphas[k] / fit.betas[k];
    const mean = (em * slope * shape.g) / days;
    const variance = (em / fit.betas[k]) * ((slope * shape.g) / days) ** 2;
    first += fit.probs[k] * mean;
    second += fit.probs[k] * (variance + mean * mean);
  }
  return { mean: first, variance: Math.max(0, second - first * first) };
}

export function predictWindow(fit: ResponseFit, calendar: readonly ForecastEvent[], request: ForecastRequest): Forecast {
  const shape = windowShape(fit, calendar, request.from, request.days);
  const conv = conversionMoments(fit, shape, request.dailySpend);
  const marginal = marginalMoments(fit, shape, request.dailySpend, request.days);
  return {
    ...request,
    conversions: gammaInterval80(conv.mean, conv.variance),
    revenue: gammaInterval80(...moments(revenueMoments(fit, conv))),
    marginalConversions: normalInterval80(marginal.mean, marginal.variance, true),
    marginalRevenue: normalInterval80(
      fit.orderValue * marginal.mean,
      fit.orderValue ** 2 * marginal.variance + fit.orderValueVariance * (marginal.variance + marginal.mean ** 2),
      true,
    ),
    volatility: shape.volatility,
  };
}

function moments(m: Moments): [number, number] {
  return [m.mean, m.variance];
}

/**
 * The effect of moving daily spend from `before` to `after` over one window: the parameter
 * uncertainty of the difference (the same unknown curve at both levels) plus the noise of the
 * outcome that will actually be observed, at `after`.
 */
export function predictChange(
  fit: ResponseFit,
  calendar: readonly ForecastEvent[],
  request: Omit<ForecastRequest, 'dailySpend'>,
  before: number,
  after: number,
): ChangeEffect {
  const shape = windowShape(fit, calendar, request.from, request.days);
  let first = 0;
  let second = 0;
  for (let k = 0; k < fit.ks.length; k++) {
    const hb = before / (before + fit.ks[k]);
    const ha = after / (after + fit.ks[k]);
    const em = fit.alphas[k] / fit.betas[k];
    const mean = em * (ha - hb) * shape.g;
    let variance = (em / fit.betas[k]) * ((ha - hb) * shape.g) ** 2 + em * ha * shape.g + fit.dispersion * (em * ha) ** 2 * shape.g2;
    for (const e of shape.events) variance += (e.logSd * em * e.g * (ha - hb)) ** 2;
    first += fit.probs[k] * mean;
    second += fit.probs[k] * (variance + mean * mean);
  }
  const conv = { mean: first, variance: Math.max(0, second - first * first) };
  const afterConversions = conversionMoments(fit, shape, after);
  const revenue = {
    mean: fit.orderValue * conv.mean,
    variance: fit.orderValue ** 2 * conv.variance + fit.orderValueVariance * (conv.variance + conv.mean ** 2) + fit.orderVariance * afterConversions.mean,
  };
  return {
    before: predictWindow(fit, calendar, { ...request, dailySpend: before }),
    after: predictWindow(fit, calendar, { ...request, dailySpend: after }),
    conversions: effectInterval(conv),
    revenue: effectInterval(revenue),
  };
}

function effectInterval(m: Moments): EffectInterval {
  const sd = Math.sqrt(m.variance);
  return {
    ...normalInterval80(m.mean, m.variance, false),
    probabilityOfGain: sd > 0 ? normalCdf(m.mean / sd) : m.mean > 0 ? 1 : 0,
  };
}
