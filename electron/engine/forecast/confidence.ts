import type { Interval80 } from './types';

/**
 * Confidence in 0..1 from a forecast's relative 80% interval width:
 *   confidence = 1 / (1 + (high80 − low80) / point)
 * 1 for a certain forecast, 0.5 when the interval is as wide as the forecast itself, 0 when
 * nothing positive is forecast.
 */
export function confidence(interval: Interval80): number {
  if (!(interval.point > 0)) return 0;
  const width = Math.max(0, interval.high80 - interval.low80);
  return 1 / (1 + width / interval.point);
}
