import { describe, expect, it } from 'vitest';
import { judgeGoals } from '@lab/goals';
import { AgentDefinitionSchema } from '@shared/scenario/schema';

/** One campaign over `days`, its spend of each day summed from 17 deliveries, as a platform reports them hour by hour. */
function ledger(days: number, dailySpend: number, roas: number) {
  const daySpend = new Float64Array(days);
  for (let d = 0; d < days; d++) for (let h = 0; h < 17; h++) daySpend[d] += dailySpend / 17;
  return { days, campaignIds: ['c1'], daySpend, dayConversions: daySpend.map((s) => s / 50), dayRevenue: daySpend.map((s) => s * roas) };
}

describe('goals over the final 28 days', () => {
  const agent = AgentDefinitionSchema.parse({
    name: 'Scale',
    role: 'scale',
    campaigns: '*',
    goals: [
      { metric: 'spend', op: '>=', value: 10000 },
      { metric: 'roas', op: '>=', value: 3.5 },
    ],
  });

  it('meets a spend goal spent to the cent, whatever the floating-point sum of its hours', () => {
    // 17 × (10,000 / 17) is a hair under 10,000 in floating point.
    const run = ledger(40, 10000, 3.5);
    expect(run.daySpend[0]).not.toBe(10000);
    expect(judgeGoals([agent], run)).toEqual([
      { agent: 'Scale', goal: 'spend >= 10000', met: true, value: 10000 },
      { agent: 'Scale', goal: 'roas >= 3.5', met: true, value: 3.5 },
    ]);
  });

  it('misses it by a cent', () => {
    const [spend] = judgeGoals([agent], ledger(40, 9999.99, 3.5));
    expect(spend).toMatchObject({ met: false, value: 9999.99 });
  });
});
