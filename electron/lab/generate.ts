import { SeededRandom } from '@shared/random';
import { validateScenario } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';

export interface GenerateOptions {
  campaigns: number;
  days: number;
  seed?: number;
}

/**
 * An account of N campaigns for benchmarks and stress tests: varied curves, prices, bids and
 * delays; every tenth campaign has audiences, every seventh tiring creatives; one efficiency
 * agent on everything and a scale agent on the first half. Same options, same scenario.
 */
export function generateScenario(options: GenerateOptions): Scenario {
  const { campaigns: n, days } = options;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`campaigns must be a whole number >= 1, got ${n}`);
  const rng = new SeededRandom(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  const money = (x: number) => Math.round(x * 100) / 100;
  let budgets = 0;
  const campaigns = Array.from({ length: n }, (_, i) => {
    const dailyBudget = money(between(100, 2000));
    budgets += dailyBudget;
    const response = { maxConversions: money(between(10, 150)), halfSaturationSpend: money(between(200, 3000)), shape: i % 5 === 4 ? 0.9 : 1 };
    const campaign: Record<string, unknown> = {
      id: `c${i + 1}`,
      name: `Campaign ${i + 1}`,
      platform: ['meta', 'google', 'tiktok'][i % 3],
      dailyBudget,
      response,
      orderValue: { mean: money(between(40, 150)), sigma: 0.4 },
      market: { cpc: money(between(0.4, 2)), cpcSigma: 0.2 },
      attribution: { delayHoursMean: Math.round(between(0, 12)) },
    };
    if (i % 4 === 3) campaign.bid = { strategy: 'max_cpc', amount: money(between(0.5, 2.5)) };
    if (i % 10 === 9) {
      campaign.audiences = [
        { id: 'core', name: 'Core', weight: 0.7 },
        { id: 'wide', name: 'Wide', weight: 0.3, response: { ...response, maxConversions: money(response.maxConversions / 3) } },
      ];
    }
    if (i % 7 === 6) {
      campaign.creatives = [
        { id: 'a', name: 'Creative A', quality: 1.1, fatigueHalfLifeDays: 25 },
        { id: 'b', name: 'Creative B', quality: 0.9 },
      ];
    }
    return campaign;
  });
  const half = campaigns.slice(0, Math.max(1, Math.floor(n / 2))).map((c) => c.id as string);
  const result = validateScenario({
    format: 'acm-scenario/1',
    name: `generated-${n}x${days}`,
    description: `A generated account of ${n} campaigns over ${days} days (seed ${seed}).`,
    seed,
    days,
    account: { dailySpendCap: money(budgets * 1.1) },
    weekly: [1, 1, 0.98, 1, 1.04, 1.08, 0.95],
    campaigns,
    agents: [
      { name: 'Efficiency', role: 'efficiency', campaigns: '*', goals: [{ metric: 'roas', op: '>=', value: 3 }] },
      { name: 'Scale', role: 'scale', priority: 2, campaigns: half, objective: 'conversions', goals: [{ metric: 'cpa', op: '<=', value: 60 }] },
    ],
  });
  if (!result.ok) throw new Error(`generated scenario is invalid: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return result.scenario;
}
