import { describe, expect, it } from 'vitest';
import { creativesSaturation, paceAt } from '@engine/agents/creative-pace';
import type { DailyObservation } from '@engine/forecast/index';
import { AccountZone } from '@shared/zone';

const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 4);
const FLAT_WEEK = [1, 1, 1, 1, 1, 1, 1];

/**
 * A campaign on the curve 90·x/(x+K) with one creative running at a time, each tiring while it
 * runs, its budget cut as the running creative tires: the case that makes the campaign look linear.
 */
function campaign(k: number) {
  const budgets = [1800, 1800, 1500, 1200, 1000, 800, 700, 600, 1800, 1700, 1500, 1300, 1100, 900, 800, 700, 1800, 1500, 1200, 1000, 900];
  const running = (i: number) => (i < 8 ? 0 : i < 16 ? 1 : 0);
  const quality = [1.3, 1.2];
  const live = [0, 0];
  const creatives: DailyObservation[][] = [[], []];
  const spend = new Map<number, number>();
  budgets.forEach((x, i) => {
    const day = START + i * DAY;
    const c = running(i);
    spend.set(day, x);
    const conversions = Math.round(((90 * x) / (x + k)) * quality[c] * 0.5 ** (live[c]++ / 10));
    creatives[c].push({ day, spend: x, conversions, revenue: conversions * 80, completeness: 1 });
    creatives[1 - c].push({ day, spend: 0, conversions: 0, revenue: 0, completeness: 1 });
  });
  return { creatives, spend };
}

describe('creative pace', () => {
  it('finds the campaign curve a tiring creative hides, from the creatives own days', () => {
    for (const k of [600, 1500, 4000]) {
      const { creatives, spend } = campaign(k);
      const found = creativesSaturation(creatives, spend, FLAT_WEEK, AccountZone.UTC)!;
      expect(found / k).toBeGreaterThan(0.6);
      expect(found / k).toBeLessThan(1.6);
    }
  });

  it('restates a day at the budget now: spend at a higher budget converts less per unit, so it counts for less', () => {
    const spend = new Map([[START, 2000]]);
    const day: DailyObservation = { day: START, spend: 2000, conversions: 40, revenue: 3200, completeness: 1 };
    expect(paceAt(spend, FLAT_WEEK, 1000, 1000, AccountZone.UTC)(day).spend).toBeCloseTo((2000 * 2000) / 3000, 6);
    expect(paceAt(spend, FLAT_WEEK, 1000, 2000, AccountZone.UTC)(day).spend).toBeCloseTo(2000, 6);
  });
});
