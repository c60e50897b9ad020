import { describe, expect, it } from 'vitest';
import { playStrategy } from '@lab/run-strategy';
import { manualStrategy, rulesStrategy } from '@lab/baselines';
import { baselineTargets } from '@lab/baseline-targets';
import type { Strategy } from '@lab/strategy';
import type { Scenario } from '@shared/scenario/schema';
import { makeScenario } from '../platforms/sandbox/make-scenario';

/** Plays a strategy and records each campaign's budget and status at the start of every (local) day. */
async function budgetsByDay(scenario: Scenario, make: (s: Scenario) => Strategy) {
  const seen: { budgets: number[]; statuses: string[] }[] = [];
  const inner = make(scenario);
  await playStrategy(scenario, {
    seed: scenario.seed,
    days: scenario.days,
    strategy: () => ({
      async onHour(ctx) {
        await inner.onHour(ctx);
        if (ctx.hour === ctx.dayStartHour(ctx.day)) {
          const campaigns = await ctx.platform.listCampaigns();
          seen.push({ budgets: campaigns.map((c) => Math.round(c.dailyBudget * 100) / 100), statuses: campaigns.map((c) => c.status) });
        }
      },
    }),
  });
  return seen;
}

// ROAS of c1 ≈ 50 × hill(1000)/1000 = 2.5; c2 with order value 200 ≈ 10.
const twoCampaigns = (extra: Record<string, unknown> = {}) =>
  makeScenario({
    days: 15,
    agents: [
      {
        name: 'A',
        campaigns: '*',
        goals: [
          { metric: 'roas', op: '>=', value: 4 },
          { metric: 'cpa', op: '<=', value: 40 },
        ],
      },
    ],
    campaigns: [{ minDailyBudget: 900 }, { orderValue: { mean: 200, sigma: 0 } }],
    ...extra,
  });

describe('baseline strategies', () => {
  it('takes targets from the agents’ goals unless the scenario sets them', () => {
    expect(baselineTargets(twoCampaigns())).toMatchObject({ manualRoas: 4, rulesRoas: 4, rulesCpa: 40, accountCap: Infinity });
    const set = twoCampaigns({ baselines: { manual: { targetRoas: 2 }, rules: { targetCpa: 9 } }, account: { dailySpendCap: 5000 } });
    expect(baselineTargets(set)).toMatchObject({ manualRoas: 2, rulesRoas: 2, rulesCpa: 9, accountCap: 5000 });
    const none = makeScenario({ campaigns: [{}] });
    expect(baselineTargets(none)).toMatchObject({ manualRoas: 3, rulesCpa: 50 });
  });

  it('manual: reviews weekly, cutting below target × 0.9 (never under the minimum) and raising above target × 1.1', async () => {
    const seen = await budgetsByDay(twoCampaigns(), manualStrategy);
    for (let d = 0; d < 7; d++) expect(seen[d].budgets).toEqual([1000, 1000]);
    expect(seen[7].budgets).toEqual([900, 1200]);
    expect(seen[13].budgets).toEqual([900, 1200]);
    expect(seen[14].budgets).toEqual([900, 1440]);
  });

  it("manual and rules: review at the start of the account's local days, a 23-hour day among them", async () => {
    const newYork = { timezone: 'America/New_York', start: '2026-03-02' };
    const manual = await budgetsByDay(twoCampaigns(newYork), manualStrategy);
    expect(manual).toHaveLength(15);
    expect(manual[6].budgets).toEqual([1000, 1000]);
    expect(manual[7].budgets).toEqual([900, 1200]);
    const rules = await budgetsByDay(twoCampaigns({ ...newYork, start: '2026-03-07', baselines: { rules: { targetCpa: 10_000 } } }), (s) =>
      rulesStrategy(s, s.days * 24),
    );
    expect(rules.slice(0, 4).map((d) => d.budgets)).toEqual([
      [1000, 1000],
      [900, 1200],
      [900, 1440],
      [900, 1728],
    ]);
  });

  it('manual: scales raised budgets down to the account cap', async () => {
    const seen = await budgetsByDay(
      twoCampaigns({ account: { dailySpendCap: 2000 }, campaigns: [{ orderValue: { mean: 200, sigma: 0 } }, { orderValue: { mean: 200, sigma: 0 } }] }),
      manualStrategy,
    );
    expect(seen[7].budgets).toEqual([1000, 1000]);
  });

  it('rules: daily, 3-day ROAS below target cuts, above 1.2 × target raises', async () => {
    const seen = await budgetsByDay(twoCampaigns({ baselines: { rules: { targetCpa: 10_000 } } }), (s) => rulesStrategy(s, s.days * 24));
    expect(seen[0].budgets).toEqual([1000, 1000]);
    expect(seen[1].budgets).toEqual([900, 1200]);
    expect(seen[2].budgets).toEqual([900, 1440]);
  });

  it('rules: pauses a campaign once it has spent 3 × target CPA since its last conversion', async () => {
    const scenario = makeScenario({
      days: 4,
      baselines: { rules: { targetCpa: 50, targetRoas: 0.0001 } },
      campaigns: [{ dailyBudget: 100, response: { maxConversions: 0, halfSaturationSpend: 100 } }, { dailyBudget: 100 }],
    });
    const seen = await budgetsByDay(scenario, (s) => rulesStrategy(s, s.days * 24));
    expect(seen[1].statuses).toEqual(['active', 'active']);
    expect(seen[2].statuses).toEqual(['paused', 'active']);
  });
});
