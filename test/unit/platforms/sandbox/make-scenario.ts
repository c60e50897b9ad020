import { validateScenario } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';

/** A valid scenario from the parts a test cares about: campaigns without noise unless they say so. */
export function makeScenario(parts: { campaigns: Record<string, unknown>[]; [key: string]: unknown }): Scenario {
  const result = validateScenario({
    format: 'acm-scenario/1',
    name: 'test',
    days: 10,
    agents: [{ name: 'A', campaigns: '*' }],
    ...parts,
    campaigns: parts.campaigns.map((c, i) => ({
      id: `c${i + 1}`,
      name: `C${i + 1}`,
      dailyBudget: 1000,
      response: { maxConversions: 100, halfSaturationSpend: 1000 },
      orderValue: { mean: 50, sigma: 0 },
      noise: { dispersion: 0 },
      market: { cpc: 1, cpcSigma: 0 },
      ...c,
    })),
  });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

export function sumDays(values: Float64Array, campaign: number, days: number, from = 0, to = days): number {
  let s = 0;
  for (let d = from; d < to; d++) s += values[campaign * days + d];
  return s;
}
