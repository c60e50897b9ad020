import { describe, expect, it } from 'vitest';
import { fitFatigue, windowFactor } from '@engine/agents/creative-fatigue';
import type { DailyObservation } from '@engine/forecast/index';

const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 4);

/** A creative converting `rate(n)` per unit of spend on its n-th running day; `off` days have no spend. */
function days(
  count: number,
  rate: (n: number) => number,
  opts: { spend?: number; off?: ReadonlySet<number>; completeness?: (i: number) => number } = {},
): DailyObservation[] {
  const spend = opts.spend ?? 1000;
  let running = 0;
  return Array.from({ length: count }, (_, i) => {
    if (opts.off?.has(i)) return { day: START + i * DAY, spend: 0, conversions: 0, revenue: 0, completeness: 1 };
    const completeness = opts.completeness?.(i) ?? 1;
    const conversions = Math.round(spend * rate(running++) * completeness);
    return { day: START + i * DAY, spend, conversions, revenue: conversions * 80, completeness };
  });
}

const halving = (q: number, halfLife: number) => (n: number) => q * 0.5 ** (n / halfLife);

describe('fitFatigue', () => {
  it('finds how fast a tiring creative loses its rate, and where it will be on its next day', () => {
    const fit = fitFatigue(days(14, halving(0.2, 12)), 'conversions', 0.15, 'next');
    expect(fit.dailyFactor).toBeCloseTo(0.5 ** (1 / 12), 2);
    expect(fit.level.mean / halving(0.2, 12)(14)).toBeCloseTo(1, 1);
    expect(windowFactor(fit, 3)).toBeLessThan(1);
  });

  it('reads a steady creative as steady', () => {
    const fit = fitFatigue(
      days(14, () => 0.04),
      'conversions',
      0.04,
      'next',
    );
    expect(fit.dailyFactor).toBeCloseTo(1, 2);
    expect(fit.level.mean).toBeCloseTo(0.04, 3);
  });

  it('holds a rested creative where it stopped: days without spend do not tire it', () => {
    const off = new Set([8, 9, 10, 11, 12, 13]);
    const rested = fitFatigue(days(14, halving(0.2, 12), { off }), 'conversions', 0.15, 'last');
    expect(rested.days).toBe(8);
    expect(rested.level.mean / halving(0.2, 12)(7)).toBeCloseTo(1, 1);
  });

  it('tells what the creative did when new', () => {
    const first = fitFatigue(days(21, halving(0.2, 12)), 'conversions', 0.15, 'first');
    expect(first.level.mean / 0.2).toBeCloseTo(1, 1);
  });

  it('does not mistake conversions still being reported for fatigue', () => {
    const late = fitFatigue(
      days(14, () => 0.04, { completeness: (i) => (i >= 12 ? 0.6 : 1) }),
      'conversions',
      0.04,
      'next',
    );
    expect(late.dailyFactor).toBeCloseTo(1, 2);
  });

  it('is less sure of a creative whose days swing more than counting noise', () => {
    const smooth = fitFatigue(
      days(14, () => 0.04),
      'conversions',
      0.04,
      'next',
    );
    const swinging = fitFatigue(
      days(14, (n) => (n % 2 === 0 ? 0.055 : 0.025)),
      'conversions',
      0.04,
      'next',
    );
    expect(swinging.level.logVariance).toBeGreaterThan(3 * smooth.level.logVariance);
  });

  it('leans on the prior when a creative has barely run', () => {
    const one = fitFatigue(
      days(1, () => 0.08, { spend: 50 }),
      'conversions',
      0.04,
      'next',
    );
    expect(one.level.mean).toBeGreaterThan(0.04);
    expect(one.level.mean).toBeLessThan(0.08);
    expect(one.level.logVariance).toBeGreaterThan(0.15);
  });
});
