import { describe, expect, it } from 'vitest';
import type { AppliedChange } from '@engine/guardrails/types';
import { maxTotal } from '@engine/runtime/account-limits';
import { learnOverspend, SpendCeilingWatch } from '@engine/runtime/spend-ceilings';
import type { RuntimeDeps } from '@engine/runtime/runtime-deps';
import type { HourlyMetrics } from '@shared/domain/campaign';
import { DAY_MS, HOUR_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { agent, campaign, mindAfter, NOW } from '../agents/review-fixture';

/** One reported row a day at noon for the last `days` days, spending `spend(i)` on day i (0 = oldest). */
function spent(campaignId: string, days: number, spend: (i: number) => number): HourlyMetrics[] {
  return Array.from({ length: days }, (_, i) => ({
    campaignId,
    hour: NOW - (days - i) * DAY_MS + 12 * HOUR_MS,
    spend: spend(i),
    impressions: 1000,
    clicks: 100,
    conversions: 10,
    revenue: 400,
  }));
}

const account = [campaign('a', { dailyBudget: 1000 }), campaign('b', { dailyBudget: 1000 }), campaign('c', { dailyBudget: 1000 })];
const rows = [...spent('a', 20, (i) => (i === 15 ? 1600 : 950)), ...spent('b', 20, () => 990), ...spent('c', 20, () => 1000)];
const watching = (ids: string[]) =>
  mindAfter(
    agent({ campaigns: ids }),
    account.filter((c) => ids.includes(c.id)),
    rows,
  );

describe('how far past its budget a campaign spends in a day', () => {
  it('is the most it spent of its budget on one of its last 14 days, from 1 up to the platform’s multiple', async () => {
    const mind = await watching(['a', 'b']);
    const learned = learnOverspend([mind], account, [], NOW, 2);
    expect(learned.get('a')).toBeCloseTo(1.6, 9);
    expect(learned.get('b')).toBe(1);
    expect(learnOverspend([mind], account, [], NOW, 1.5).get('a')).toBe(1.5);
  });

  it('forgets an overspend older than 14 days', async () => {
    const mind = await watching(['a']);
    expect(learnOverspend([mind], account, [], NOW + 10 * DAY_MS, 2).get('a')).toBe(1);
  });

  it('judges a day against the budget in force at its end, as the applied changes tell it', async () => {
    // Day 15 spent 1,600 on a budget of 800 raised to 1,000 at the next midnight's review; or raised two hours before its end.
    const dayEnd = NOW - 4 * DAY_MS;
    const raise: AppliedChange = {
      campaignId: 'a',
      setting: 'budget',
      at: dayEnd,
      before: { kind: 'budget', dailyBudget: 800 },
      after: { kind: 'budget', dailyBudget: 1000 },
    };
    const mind = await watching(['a']);
    expect(learnOverspend([mind], account, [raise], NOW, 2).get('a')).toBe(2);
    expect(learnOverspend([mind], account, [{ ...raise, at: dayEnd - 2 * HOUR_MS }], NOW, 2).get('a')).toBeCloseTo(1.6, 9);
  });

  it('counts a campaign no agent watches at the platform’s multiple, and nothing where the platform keeps within budgets', async () => {
    const mind = await watching(['a', 'b']);
    const deps = (dailySpendMultiple?: number) =>
      ({
        platform: { dailySpendMultiple },
        store: { decisions: { page: () => ({ items: [] }), reachedPlatform: () => [] } },
        zone: AccountZone.UTC,
      }) as unknown as Pick<RuntimeDeps, 'platform' | 'store' | 'zone'>;
    const ceilings = new SpendCeilingWatch(deps(2)).at([mind], account, NOW);
    expect([ceilings?.of('a'), ceilings?.of('b'), ceilings?.of('c')].map((x) => x && Math.round(x * 100) / 100)).toEqual([1.6, 1, 2]);
    expect(new SpendCeilingWatch(deps(undefined)).at([mind], account, NOW)).toBeUndefined();
  });
});

describe('the budget an agent may plan under the account’s cap on a day’s spend', () => {
  it('is what the other campaigns may spend taken off the cap, filled at its own campaigns’ highest overspend', async () => {
    const mind = await watching(['a', 'b']);
    expect(maxTotal(mind, account, [], [], 5000)).toBe(4000);
    const ceilings = { of: (id: string) => ({ a: 1.6, b: 1, c: 2 })[id] ?? 1 };
    expect(maxTotal(mind, account, [], [], 5000, ceilings)).toBeCloseTo((5000 - 2000) / 1.6, 9);
  });
});
