import { DAY_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { DRIFT_DAYS, DRIFT_HALF_LIFE_DAYS, DRIFT_Z, HALF_LIFE_DAYS, MEMORY_DAYS, MIN_COMPLETENESS } from './assumptions';
import { assertDayStart, eventOn, validateCalendar, weekdayOf } from './calendar';
import { driftZ } from './drift';
import { fitResponse, type PreparedDay, type ResponseFit } from './fit';
import { predictChange, predictWindow } from './predictive';
import type { ChangeEffect, DailyObservation, FitSummary, Forecast, ForecastEvent, ForecastRequest } from './types';

export interface ResponseModelOptions {
  /** Known calendar events: dates and volatility only. */
  calendar?: readonly ForecastEvent[];
  halfLifeDays?: number;
  /** Whose days the observations, the calendar and the windows are (default UTC). */
  zone?: AccountZone;
}

/**
 * The online response model of one unit (campaign, audience or creative): feed it daily
 * observations as they are re-read, ask it for forecasts. The fit is computed on the first
 * question after new data, in O(days × K grid), and kept until the next observation.
 * Days come and go as the epoch ms of their local midnights; inside, each is its day key
 * (AccountZone.dayKey), so that day counts and weekdays stay whole across daylight saving.
 * All assumptions: ./assumptions.ts.
 */
export class ResponseModel {
  private readonly zone: AccountZone;
  /** The calendar in day keys. */
  private readonly calendar: readonly ForecastEvent[];
  private readonly halfLifeDays: number;
  private readonly days = new Map<number, PreparedDay>();
  private cache: { fit: ResponseFit | null; drift: boolean } | null = null;
  /** Start of the days the model learns from: a change it noticed (drift) makes it forget the days before. */
  private since = Number.NEGATIVE_INFINITY;

  constructor(options: ResponseModelOptions = {}) {
    this.zone = options.zone ?? AccountZone.UTC;
    const calendar = options.calendar ?? [];
    validateCalendar(calendar, this.zone);
    this.calendar = calendar.map((e) => ({ ...e, from: this.zone.dayKey(e.from), to: this.zone.dayKey(e.to) }));
    this.halfLifeDays = options.halfLifeDays ?? HALF_LIFE_DAYS;
    if (!(this.halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be > 0, got ${this.halfLifeDays}`);
  }

  /** Adds days, or replaces days seen before (a later read of a day carries its late conversions). */
  observe(observations: readonly DailyObservation[]): void {
    observations.forEach((o, i) => validateObservation(o, i, this.zone));
    for (const o of observations) {
      const day = this.zone.dayKey(o.day);
      this.days.set(day, { ...o, day, weekday: weekdayOf(day), event: eventOn(this.calendar, day) });
    }
    if (observations.length === 0) return;
    const horizon = Math.max(...this.days.keys()) - MEMORY_DAYS * DAY_MS;
    for (const day of this.days.keys()) if (day < horizon) this.days.delete(day);
    this.cache = null;
  }

  /** True once some day has spend and enough reported conversions to learn from. */
  get ready(): boolean {
    return this.fitted().fit !== null;
  }

  summary(): FitSummary {
    const { fit, drift } = this.requireFit();
    const order = fit.probs.map((_, k) => k);
    let cumulative = 0;
    const median = order.find((k) => (cumulative += fit.probs[k]) >= 0.5) ?? order.length - 1;
    return {
      maxConversions: fit.probs.reduce((s, p, k) => s + (p * fit.alphas[k]) / fit.betas[k], 0),
      halfSaturationSpend: fit.ks[median],
      dispersion: fit.dispersion,
      weekday: [...fit.weekday],
      orderValue: fit.orderValue,
      halfLifeDays: fit.halfLifeDays,
      drift,
      effectiveDays: fit.effectiveDays,
      lastDay: this.zone.dayOfKey(fit.lastDay).startMs,
    };
  }

  predict(request: ForecastRequest): Forecast {
    validateRequest(request, this.zone);
    return { ...predictWindow(this.requireFit().fit, this.calendar, { ...request, from: this.zone.dayKey(request.from) }), from: request.from };
  }

  /** The effect of moving daily spend from `before` to `after` over the window `{ from, days }`. */
  predictChange(window: Omit<ForecastRequest, 'dailySpend'>, before: number, after: number): ChangeEffect {
    validateRequest({ ...window, dailySpend: before }, this.zone);
    validateRequest({ ...window, dailySpend: after }, this.zone);
    const effect = predictChange(this.requireFit().fit, this.calendar, { ...window, from: this.zone.dayKey(window.from) }, before, after);
    return { ...effect, before: { ...effect.before, from: window.from }, after: { ...effect.after, from: window.from } };
  }

  private requireFit(): { fit: ResponseFit; drift: boolean } {
    const { fit, drift } = this.fitted();
    if (!fit) throw new Error(`no usable observations yet: need a day with spend > 0 and completeness ≥ ${MIN_COMPLETENESS} (have ${this.days.size} days)`);
    return { fit, drift };
  }

  private fitted(): { fit: ResponseFit | null; drift: boolean } {
    if (!this.cache) {
      const days = [...this.days.values()].filter((d) => d.day >= this.since).sort((a, b) => a.day - b.day);
      const long = fitResponse(days, this.halfLifeDays);
      const drift = long !== null && this.halfLifeDays > DRIFT_HALF_LIFE_DAYS && Math.abs(driftZ(days, this.halfLifeDays)) > DRIFT_Z;
      if (drift) {
        // The world changed within the last DRIFT_DAYS: what came before would pull later forecasts back toward the old level.
        this.since = days[days.length - 1].day - (DRIFT_DAYS - 1) * DAY_MS;
        this.cache = {
          fit:
            fitResponse(
              days.filter((d) => d.day >= this.since),
              this.halfLifeDays,
            ) ?? fitResponse(days, DRIFT_HALF_LIFE_DAYS),
          drift,
        };
      } else {
        this.cache = { fit: long, drift };
      }
    }
    return this.cache;
  }
}

function validateObservation(o: DailyObservation, i: number, zone: AccountZone): void {
  assertDayStart(o.day, `observations[${i}].day`, zone);
  for (const field of ['spend', 'conversions', 'revenue'] as const) {
    if (!Number.isFinite(o[field]) || o[field] < 0) throw new RangeError(`observations[${i}].${field} must be a finite number ≥ 0, got ${o[field]}`);
  }
  if (!(o.completeness >= 0 && o.completeness <= 1)) throw new RangeError(`observations[${i}].completeness must be in 0..1, got ${o.completeness}`);
}

function validateRequest(r: ForecastRequest, zone: AccountZone): void {
  if (!Number.isFinite(r.dailySpend) || r.dailySpend < 0) throw new RangeError(`forecast dailySpend must be a finite number ≥ 0, got ${r.dailySpend}`);
  if (!Number.isInteger(r.days) || r.days < 1 || r.days > 366) throw new RangeError(`forecast days must be an integer 1..366, got ${r.days}`);
  assertDayStart(r.from, 'forecast from', zone);
}
