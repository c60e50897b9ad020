/**
 * Every modelling assumption of the forecasting model, in one place.
 *
 * Data
 * - Observations are whole days of one unit (campaign, audience or creative), the account's
 *   local days (23 or 25 hours across daylight saving: a day is a day of the platform's budget,
 *   weekday and calendar, whatever its length): the day's full spend, the conversions and
 *   revenue reported so far, and the completeness (expected share of that day's final
 *   conversions already reported; from AttributionDelayEstimator).
 *   The unfinished current day must not be passed: a partial day's spend is not a daily spend.
 * - Revenue is reported together with its conversion, so revenue per conversion (AOV) needs no
 *   attribution correction.
 * - Hours are what the platform reports of them. Where it reports conversions and revenue by
 *   day only (Meta: hourly rows carry spend, impressions and clicks), each hour's are the day's
 *   spread over its hours by clicks; the platform says so (PlatformAdapter.reportingNotes), and
 *   every decision made on its reports lists it with its metrics (`assumptions`).
 * - Conversions keep arriving after the fact: the attribution-delay model learns how late from
 *   successive reads of the same hours. A platform whose reports change for weeks
 *   (PlatformAdapter.reportsSettleDays: Meta's 28-day click window) has its trailing days re-read
 *   once a local day, and the delay model then believes in delays and remembers reads that long
 *   (settlingDelayHorizon); elsewhere the delay grid ends at DELAY_GRID_HOURS.max and reads are
 *   remembered DELAY_MEMORY_HOURS.
 * - Days with no spend, or with completeness below MIN_COMPLETENESS, carry too little signal
 *   (and too much delay-model error) and are left out of the fit. Days more than MEMORY_DAYS
 *   before the latest are forgotten (their weight would be below 0.05 even for the weekday
 *   rhythm), which bounds a fit's cost on a long-running campaign.
 *
 * Response
 * - Expected conversions of a day with spend x:
 *     completeness · weekday[dow] · event · M · x / (x + K)      (Hill curve, shape 1)
 *   Shape 1 is assumed: with the spend variation a managed campaign shows, S and K cannot be
 *   told apart, and S = 1 is the concave middle ground that keeps the allocator exact.
 * - Daily conversions are gamma–Poisson: variance μ + φ·μ², φ the squared coefficient of
 *   variation of the daily rate, estimated from the data and shrunk toward PRIOR_DISPERSION.
 * - K lives on K_GRID_SIZE log-spaced points spanning K_GRID_SPAN times the observed spend
 *   range, with a log-normal prior centred on the median observed spend (log-sd K_PRIOR_LOG_SD,
 *   as Meridian centres its half-saturation prior on the median spend): without it the many
 *   near-linear curves with K far above any spend seen outweigh the data and extrapolation
 *   turns optimistic. M, given K, has a Gamma(M_PRIOR_SHAPE, M_PRIOR_RATE) prior, conjugate to the
 *   Poisson likelihood; the likelihood is divided by the overdispersion factor 1 + φ·μ̄
 *   (quasi-likelihood), so extra noise widens the posterior.
 * - Recent days weigh more: weight 0.5^(age / HALF_LIFE_DAYS). When the last DRIFT_DAYS days
 *   stray by more than DRIFT_Z predictive standard deviations from a fit of the days before
 *   them (drift, creative fatigue, a change of the market), the model forgets the days before
 *   them for good: recency weights alone would let the old level pull forecasts back up for
 *   weeks. (With fewer than a usable day left, it refits with DRIFT_HALF_LIFE_DAYS instead.)
 * - Weekday multipliers (mean 1) are ratios of observed to fitted conversions, shrunk toward 1
 *   with WEEKDAY_PRIOR_CONVERSIONS pseudo-conversions; a weekly rhythm changes slowly, so they
 *   weigh days with the longer WEEKDAY_HALF_LIFE_DAYS.
 *
 * Calendar
 * - Only an event's name, dates and volatility are known, never its effect. Event days are left
 *   out of the curve fit; each event's multiplier is learned from its own days seen so far,
 *   shrunk toward 1 with EVENT_PRIOR_CONVERSIONS pseudo-conversions, and carries a log-scale
 *   uncertainty EVENT_LOG_SD[volatility] that shrinks as its days are observed.
 *
 * Order value
 * - Revenue per conversion is a recency-weighted ratio (same half-life); the per-order variance
 *   is estimated from daily AOVs weighted by their conversions, with PRIOR_ORDER_VALUE_CV
 *   as a prior worth PRIOR_ORDER_VALUE_DAYS days.
 *
 * Intervals and confidence
 * - 80% intervals are the 10% and 90% quantiles of a gamma distribution matched to the
 *   predictive mean and variance (posterior over K and M, observation noise, event
 *   uncertainty); marginal returns use a normal approximation clipped at 0.
 * - confidence = 1 / (1 + (high80 − low80) / point): 1 for a sure forecast, 0.5 when the interval
 *   is as wide as the forecast itself, toward 0 as it widens.
 *
 * Calibration
 * - Errors of closed outcomes correct future forecasts by a multiplicative bias (mean
 *   log-ratio actual/point, shrunk toward none with BIAS_PRIOR_OUTCOMES pseudo-outcomes) and a
 *   width scale (recency-weighted 80% quantile, with the split-conformal finite-sample
 *   correction, of normalised errors over the last CALIBRATION_WINDOW outcomes, shrunk toward 1
 *   in log scale with WIDTH_PRIOR_OUTCOMES). A jump is declared when the median normalised
 *   error of the last JUMP_RECENT outcomes exceeds JUMP_FACTOR times the 80% quantile of the
 *   errors before them: forecasts are then widened by HIGH_VOLATILITY_WIDEN until the width
 *   scale has caught up.
 */

export const MIN_COMPLETENESS = 0.2;
export const MEMORY_DAYS = 120;

export const K_GRID_SIZE = 40;
export const K_GRID_SPAN = { below: 0.05, above: 50 } as const;
export const K_PRIOR_LOG_SD = 1.5;
export const M_PRIOR_SHAPE = 0.5;
export const M_PRIOR_RATE = 1e-9;
export const PRIOR_DISPERSION = 0.01;
export const PRIOR_DISPERSION_DAYS = 7;
export const MAX_DISPERSION = 4;

export const HALF_LIFE_DAYS = 10;
export const DRIFT_HALF_LIFE_DAYS = 3;
export const DRIFT_DAYS = 5;
export const DRIFT_Z = 3;

export const WEEKDAY_PRIOR_CONVERSIONS = 20;
export const WEEKDAY_HALF_LIFE_DAYS = 28;

export const EVENT_PRIOR_CONVERSIONS = 5;
export const EVENT_LOG_SD = { normal: 0.25, high: 0.5 } as const;

export const PRIOR_ORDER_VALUE_CV = 0.3;
export const PRIOR_ORDER_VALUE_DAYS = 3;

/** z of the 90% normal quantile: an 80% central interval is ±Z80. */
export const Z80 = 1.2815515655446004;

export const BIAS_PRIOR_OUTCOMES = 5;
export const BIAS_RATIO_LIMITS = { min: 0.2, max: 5 } as const;
export const CALIBRATION_WINDOW = 60;
export const CALIBRATION_HALF_LIFE_OUTCOMES = 30;
export const WIDTH_PRIOR_OUTCOMES = 2;
export const WIDTH_SCALE_LIMITS = { min: 0.25, max: 6 } as const;
export const JUMP_RECENT = 5;
export const JUMP_FACTOR = 1.5;
export const HIGH_VOLATILITY_WIDEN = 1.5;

/** The delay prior: this share of belief on "reported at once", the rest log-uniform over the grid. */
export const DELAY_PRIOR_NO_DELAY = 0.5;
export const DELAY_GRID_HOURS = { min: 0.25, max: 168, size: 40 } as const;
/** Reads of hours older than this are forgotten: they carry no new delay information. */
export const DELAY_MEMORY_HOURS = 14 * 24;
