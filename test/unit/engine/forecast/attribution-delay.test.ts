import { describe, expect, it } from 'vitest';
import { AttributionDelayEstimator, reportedShare } from '@engine/forecast/attribution-delay';
import { DAY_MS, HOUR_MS } from '@shared/time';
import type { Random } from '@shared/random';
import { stream } from '@shared/random';
import { poisson, START } from './synthetic';

/** Report times (hours after each hour's start) of every conversion of `hours` hours. */
function simulate(r: Random, hours: number, perHour: number, delayMean: number): number[][] {
  return Array.from({ length: hours }, () =>
    Array.from({ length: poisson(r, perHour) }, () => r.next() + (delayMean > 0 ? -delayMean * Math.log(1 - r.next()) : 0)),
  );
}

/** An engine that, every hour, re-reads the last `lookback` hours and feeds what it saw. */
function feed(estimator: AttributionDelayEstimator, reports: number[][], lookback: number): number {
  const hours = reports.length;
  for (let now = 1; now <= hours; now++) {
    const readAt = START + now * HOUR_MS;
    for (let h = Math.max(0, now - lookback); h < now; h++) {
      const age = now - h;
      estimator.recordRead(START + h * HOUR_MS, readAt, reports[h].filter((t) => t <= age).length);
    }
  }
  return START + hours * HOUR_MS;
}

const trueDayCompleteness = (delayMean: number, hoursSinceDayStart: number) => {
  let s = 0;
  for (let h = 0; h < 24; h++) s += reportedShare(delayMean, hoursSinceDayStart - h);
  return s / 24;
};

describe('AttributionDelayEstimator', () => {
  it('uses a reporting curve that matches conversions spread over the hour with exponential delays', () => {
    const r = stream(1, 'curve');
    const reports = simulate(r, 4000, 5, 6).flat();
    for (const age of [0.5, 1, 3, 12, 30]) {
      const share = reports.filter((t) => t <= age).length / reports.length;
      expect(share).toBeCloseTo(reportedShare(6, age), 2);
    }
  });

  it('learns the mean delay from successive reads of the same hours', () => {
    const estimator = new AttributionDelayEstimator();
    const now = feed(estimator, simulate(stream(2, 'learn'), 10 * 24, 3, 6), 72);
    expect(estimator.meanDelayHours()).toBeGreaterThan(4.8);
    expect(estimator.meanDelayHours()).toBeLessThan(7.2);
    const yesterday = now - DAY_MS;
    expect(estimator.dayCompleteness(yesterday, now)).toBeCloseTo(trueDayCompleteness(6, 24), 1);
    expect(estimator.dayCompleteness(yesterday - 2 * DAY_MS, now)).toBeGreaterThan(0.99);
  });

  it('says a day is complete once read when the platform reports at once', () => {
    const estimator = new AttributionDelayEstimator();
    const now = feed(estimator, simulate(stream(3, 'instant'), 5 * 24, 2, 0), 48);
    expect(estimator.dayCompleteness(now - DAY_MS, now)).toBeGreaterThan(0.98);
    expect(estimator.meanDelayHours()).toBeLessThan(0.5);
  });

  it('stays unbiased with few conversions (about 35 in a week)', () => {
    const errors: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const estimator = new AttributionDelayEstimator();
      const now = feed(estimator, simulate(stream(seed, 'sparse'), 7 * 24, 0.2, 12), 72);
      errors.push(estimator.dayCompleteness(now - DAY_MS, now) - trueDayCompleteness(12, 24));
    }
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    expect(Math.abs(bias)).toBeLessThan(0.04);
    const absolute = errors.map(Math.abs).sort((a, b) => a - b);
    expect(absolute[Math.floor(absolute.length / 2)]).toBeLessThan(0.06);
  });

  it('weights the hours of a day as told', () => {
    const estimator = new AttributionDelayEstimator();
    const now = feed(estimator, simulate(stream(4, 'weights'), 6 * 24, 3, 6), 72);
    const early = Array.from({ length: 24 }, (_, h) => (h < 6 ? 1 : 0));
    const late = Array.from({ length: 24 }, (_, h) => (h >= 18 ? 1 : 0));
    expect(estimator.dayCompleteness(now - DAY_MS, now, early)).toBeGreaterThan(estimator.dayCompleteness(now - DAY_MS, now, late));
  });

  it('names what is wrong with a read', () => {
    const estimator = new AttributionDelayEstimator();
    expect(() => estimator.recordRead(START, START + HOUR_MS, -1)).toThrow(/conversions must be a finite number ≥ 0, got -1 for hour 2026-01-05T00:00:00.000Z/);
    expect(() => estimator.dayCompleteness(START, START + DAY_MS, [1, 2])).toThrow(/hourWeights must have 23 to 25 entries \(the hours of a day\), got 2/);
  });
});
