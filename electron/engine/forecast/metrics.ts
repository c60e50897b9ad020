import type { Prediction, PredictionMetric } from '@shared/domain/decision';
import type { Calibrator } from './calibrator';
import type { Forecast, Interval80 } from './types';

/**
 * A forecast expressed in any decision metric over its window. Spend is the planned spend
 * (dailySpend × days), taken as certain. CPA divides by at least one conversion, so that a
 * window expected to bring none still has a finite CPA: the whole spend.
 */
export function metricInterval(forecast: Forecast, metric: PredictionMetric): Interval80 {
  const spend = forecast.dailySpend * forecast.days;
  const { conversions, revenue } = forecast;
  switch (metric) {
    case 'conversions':
      return { ...conversions };
    case 'revenue':
      return { ...revenue };
    case 'spend':
      return { point: spend, low80: spend, high80: spend };
    case 'profit':
      return { point: revenue.point - spend, low80: revenue.low80 - spend, high80: revenue.high80 - spend };
    case 'roas':
      return spend > 0 ? { point: revenue.point / spend, low80: revenue.low80 / spend, high80: revenue.high80 / spend } : { point: 0, low80: 0, high80: 0 };
    case 'cpa': {
      const per = (n: number) => spend / Math.max(1, n);
      return { point: per(conversions.point), low80: per(conversions.high80), high80: per(conversions.low80) };
    }
  }
}

/** The Prediction a decision carries; `baseline` is the forecast had nothing changed. */
export function toPrediction(forecast: Forecast, metric: PredictionMetric, baseline?: Forecast): Prediction {
  const interval = metricInterval(forecast, metric);
  const prediction: Prediction = { metric, windowHours: forecast.days * 24, ...interval };
  if (baseline) prediction.baseline = metricInterval(baseline, metric).point;
  return prediction;
}

/**
 * A raw forecast with each metric's calibrator applied. A level that runs low has a slope that
 * runs low by as much (the curve scales with M), so marginal returns take the same bias. A
 * calibrator that saw errors jump makes the whole forecast high-volatility.
 */
export function applyCalibration(forecast: Forecast, calibrators: { conversions?: Calibrator; revenue?: Calibrator }): Forecast {
  const { conversions, revenue } = calibrators;
  const volatile = Boolean(conversions?.volatile || revenue?.volatile);
  return {
    ...forecast,
    conversions: conversions ? conversions.apply(forecast.conversions) : forecast.conversions,
    revenue: revenue ? revenue.apply(forecast.revenue) : forecast.revenue,
    marginalConversions: scaled(forecast.marginalConversions, conversions?.bias ?? 1),
    marginalRevenue: scaled(forecast.marginalRevenue, revenue?.bias ?? 1),
    volatility: volatile ? 'high' : forecast.volatility,
  };
}

function scaled(interval: Interval80, factor: number): Interval80 {
  return { point: interval.point * factor, low80: interval.low80 * factor, high80: interval.high80 * factor };
}
