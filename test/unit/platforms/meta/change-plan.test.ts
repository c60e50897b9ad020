import { describe, expect, it } from 'vitest';
import { splitBudget } from '@platforms/meta/change-plan';
import type { BudgetHolder } from '@platforms/meta/campaign-view';

const holders = (...budgets: (number | undefined)[]): BudgetHolder[] =>
  budgets.map((dailyBudget, i) => ({ level: 'adset', objectId: String(i), name: `ad set ${i}`, dailyBudget, minDailyBudget: 1 }));

describe('a campaign budget shared among its ad sets', () => {
  it('keeps the ad sets’ shares and adds up to the total to the cent', () => {
    expect(splitBudget(10_001n, holders(20, 20, 40), 'USD')).toEqual([2500n, 2500n, 5001n]);
    expect(splitBudget(10_000n, holders(10, 10, 10), 'USD')).toEqual([3334n, 3333n, 3333n]);
  });

  it('shares equally when no ad set has a budget yet, and gives all to a single holder', () => {
    expect(splitBudget(1_000n, holders(undefined, undefined), 'JPY')).toEqual([500n, 500n]);
    expect(splitBudget(777n, holders(5), 'USD')).toEqual([777n]);
  });

  it('always adds up exactly', () => {
    for (let total = 0n; total < 2_000n; total += 7n) {
      const parts = splitBudget(total, holders(3.33, 1.01, 12.5, 0.07), 'USD');
      if (parts.reduce((s, p) => s + p, 0n) !== total) throw new Error(`${total} split into ${parts.join(' + ')}`);
    }
  });
});
