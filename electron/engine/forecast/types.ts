import type { Prediction } from '@shared/domain/decision';

/** One whole day of the account (its local day) of one unit (campaign, audience or creative) as the platform reported it so far. */
export interface DailyObservation {
  /** Epoch ms of the day's start (the account's local midnight). */
  day: number;
  spend: number;
  conversions: number;
  revenue: number;
  /** Expected share of the day's final conversions already reported, 0..1. */
  completeness: number;
}

export type Volatility = 'none' | 'normal' | 'high';

/** A marketer's calendar event as agents may see it: dates and volatility, never its effect. */
export interface ForecastEvent {
  name: string;
  /** Epoch ms of the first day's start (a local midnight). */
  from: number;
  /** Epoch ms of the last day's start (inclusive; a local midnight). */
  to: number;
  volatility: 'normal' | 'high';
}

/** A point forecast and its 80% interval, in the field names of a decision's Prediction. */
export type Interval80 = Pick<Prediction, 'point' | 'low80' | 'high80'>;

export interface ForecastRequest {
  /** Spend per day over the window. */
  dailySpend: number;
  /** Window length in days. */
  days: number;
  /** Epoch ms of the window's first day start (a local midnight). */
  from: number;
}

export interface Forecast extends ForecastRequest {
  /** Conversions over the whole window. */
  conversions: Interval80;
  /** Revenue over the whole window. */
  revenue: Interval80;
  /** d(window conversions) / d(window spend) at this spend level. */
  marginalConversions: Interval80;
  /** d(window revenue) / d(window spend) at this spend level. */
  marginalRevenue: Interval80;
  /** The highest volatility of a day in the window, or of the model's recent errors. */
  volatility: Volatility;
}

export interface EffectInterval extends Interval80 {
  /** Posterior probability that the change raises the metric. */
  probabilityOfGain: number;
}

/** The predicted effect of moving daily spend from one level to another over the same window. */
export interface ChangeEffect {
  before: Forecast;
  after: Forecast;
  conversions: EffectInterval;
  revenue: EffectInterval;
}

/** What the fit believes, for reasoning strings and the UI. */
export interface FitSummary {
  /**
   * Posterior mean of M, conversions per day at saturation on an average weekday. M and K are
   * poorly determined apart while spend has varied little; forecasts near past spend are not.
   */
  maxConversions: number;
  /** Posterior median of K. */
  halfSaturationSpend: number;
  /** φ: squared coefficient of variation of the daily conversion rate. */
  dispersion: number;
  /** Monday first. */
  weekday: number[];
  orderValue: number;
  halfLifeDays: number;
  /** True when recent days strayed from the long-memory fit and the model switched to short memory. */
  drift: boolean;
  /** Recency-weighted number of days behind the fit. */
  effectiveDays: number;
  lastDay: number;
}
