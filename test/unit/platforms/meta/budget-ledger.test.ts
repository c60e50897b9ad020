import { describe, expect, it } from 'vitest';
import { BudgetChangeLedger } from '@platforms/meta/budget-ledger';

const MIN = 60_000;

describe('budget changes: four an hour per object', () => {
  it('allows four changes within an hour and the fifth only when the first leaves the hour', () => {
    const ledger = new BudgetChangeLedger();
    for (const m of [0, 10, 20, 30]) {
      expect(ledger.nextAllowedAt('adset', m * MIN)).toBe(m * MIN);
      ledger.record('adset', m * MIN);
    }
    expect(ledger.countInHour('adset', 40 * MIN)).toBe(4);
    expect(ledger.nextAllowedAt('adset', 40 * MIN)).toBe(60 * MIN);
    expect(ledger.nextAllowedAt('other', 40 * MIN)).toBe(40 * MIN);
    expect(ledger.nextAllowedAt('adset', 61 * MIN)).toBe(61 * MIN);
  });

  it("counts the changes Meta's activity log shows, made by anyone, when they are more than its own", () => {
    const ledger = new BudgetChangeLedger();
    ledger.record('adset', 50 * MIN);
    ledger.seen('adset', [5 * MIN, 15 * MIN, 25 * MIN, 50 * MIN]);
    expect(ledger.countInHour('adset', 55 * MIN)).toBe(4);
    expect(ledger.nextAllowedAt('adset', 55 * MIN)).toBe(65 * MIN);
  });

  it('holds an object Meta blocked until the block ends', () => {
    const ledger = new BudgetChangeLedger();
    ledger.block('adset', 90 * MIN);
    expect(ledger.nextAllowedAt('adset', 10 * MIN)).toBe(90 * MIN);
  });
});
