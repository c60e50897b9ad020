import { describe, expect, it } from 'vitest';
import { Calibrator } from '@engine/forecast/calibrator';
import { applyCalibration, metricInterval, toPrediction } from '@engine/forecast/metrics';
import type { Forecast } from '@engine/forecast/types';
import { START } from './synthetic';

const forecast: Forecast = {
  dailySpend: 100,
  days: 7,
  from: START,
  conversions: { point: 20, low80: 14, high80: 27 },
  revenue: { point: 1000, low80: 700, high80: 1400 },
  marginalConversions: { point: 0.02, low80: 0.01, high80: 0.03 },
  marginalRevenue: { point: 1, low80: 0.5, high80: 1.5 },
  volatility: 'none',
};

describe('forecast metrics', () => {
  it('expresses a forecast in every decision metric over its window', () => {
    expect(metricInterval(forecast, 'spend')).toEqual({ point: 700, low80: 700, high80: 700 });
    expect(metricInterval(forecast, 'roas')).toEqual({ point: 1000 / 700, low80: 1, high80: 2 });
    expect(metricInterval(forecast, 'profit')).toEqual({ point: 300, low80: 0, high80: 700 });
    // Fewer conversions mean a higher CPA: the bounds swap.
    expect(metricInterval(forecast, 'cpa')).toEqual({ point: 35, low80: 700 / 27, high80: 50 });
    const none = { ...forecast, conversions: { point: 0.2, low80: 0, high80: 0.6 } };
    expect(metricInterval(none, 'cpa').high80).toBe(700);
  });

  it('builds the Prediction a decision carries, with its window and baseline', () => {
    const baseline = { ...forecast, dailySpend: 80, revenue: { point: 900, low80: 650, high80: 1200 } };
    expect(toPrediction(forecast, 'revenue', baseline)).toEqual({ metric: 'revenue', windowHours: 168, point: 1000, low80: 700, high80: 1400, baseline: 900 });
    expect(toPrediction(forecast, 'conversions')).not.toHaveProperty('baseline');
  });

  it('applies calibrators: bias on levels and slopes, width on intervals, volatility on the whole', () => {
    const revenue = new Calibrator();
    for (let i = 0; i < 30; i++) revenue.record({ point: 100, low80: 90, high80: 110, actual: i % 2 ? 150 : 110 });
    const calibrated = applyCalibration(forecast, { revenue });
    expect(calibrated.revenue.point).toBeCloseTo(1000 * revenue.bias, 9);
    expect(calibrated.marginalRevenue.point).toBeCloseTo(revenue.bias, 9);
    expect(calibrated.conversions).toEqual(forecast.conversions);
    expect(revenue.bias).toBeGreaterThan(1.1);

    const jumpy = new Calibrator();
    for (let i = 0; i < 20; i++) jumpy.record({ point: 100, low80: 90, high80: 110, actual: 100 + (i % 2 ? 3 : -3) });
    for (let i = 0; i < 5; i++) jumpy.record({ point: 100, low80: 90, high80: 110, actual: i % 2 ? 160 : 40 });
    expect(jumpy.volatile).toBe(true);
    expect(applyCalibration(forecast, { conversions: jumpy }).volatility).toBe('high');
  });
});
