import { describe, expect, it } from 'vitest';
import { runSimulation } from '@lab/simulate';
import { generateScenario } from '@lab/generate';
import type { AgentsFactory } from '@lab/strategy';
import { makeScenario } from '../platforms/sandbox/make-scenario';

const scenario = makeScenario({
  days: 35,
  agents: [
    {
      name: 'Eff',
      campaigns: '*',
      goals: [
        { metric: 'roas', op: '>=', value: 2 },
        { metric: 'spend', op: '>=', value: 1500 },
      ],
    },
    { name: 'One', campaigns: ['c2'], goals: [{ metric: 'conversions', op: '>=', value: 1000, per: 'total' }] },
  ],
  campaigns: [
    { noise: { dispersion: 0.2 }, orderValue: { mean: 60, sigma: 0.4 }, attribution: { delayHoursMean: 6 } },
    { noise: { dispersion: 0.2 }, response: { maxConversions: 60, halfSaturationSpend: 300 }, dailyBudget: 800 },
  ],
});

const withoutWall = <T extends { wallMs: number }>(r: T) => ({ ...r, wallMs: 0 });

describe('runSimulation', () => {
  it('reports every strategy with real totals, and is identical run to run but for wallMs', async () => {
    const a = await runSimulation(scenario);
    const b = await runSimulation(scenario);
    expect(withoutWall(a)).toEqual(withoutWall(b));
    expect(JSON.stringify(withoutWall(a))).toBe(JSON.stringify(withoutWall(b)));
    expect(Object.keys(a.strategies)).toEqual(['agents', 'static', 'manual', 'rules', 'oracle']);
    for (const totals of Object.values(a.strategies)) {
      expect(totals.profit).toBeCloseTo(totals.revenue - totals.spend, 1);
      expect(totals.roas).toBeCloseTo(totals.revenue / totals.spend, 3);
    }
    expect(a.strategies.static.spend).toBeCloseTo(35 * 1800, 2);
  });

  it('plays the agents and the static baseline on identical draws: holding the settings gives identical totals', async () => {
    const report = await runSimulation(scenario, { seed: 77 });
    expect(report.seed).toBe(77);
    expect(report.strategies.agents).toEqual(report.strategies.static);
    expect(report.strategies.oracle.spend).toBeCloseTo(report.strategies.agents.spend, 0);
    expect(report.strategies.oracle.revenue).toBeGreaterThan(report.strategies.agents.revenue);
  });

  it('judges each goal over the final 28 days on the agents’ run', async () => {
    const report = await runSimulation(scenario);
    expect(report.goals.map((g) => [g.agent, g.goal])).toEqual([
      ['Eff', 'roas >= 2'],
      ['Eff', 'spend >= 1500'],
      ['One', 'conversions >= 1000 total'],
    ]);
    expect(report.goals[1]).toMatchObject({ met: true, value: 1800 });
    expect(report.goals[2].value).toBeGreaterThan(28 * 20);
    expect(report.goals[2].met).toBe(report.goals[2].value >= 1000);
  });

  it('counts the decisions the agents report, and plays them through the adapter', async () => {
    let executed = 0;
    const agents: AgentsFactory = () => ({
      async onHour(ctx) {
        if (ctx.hour !== 48) return;
        await ctx.platform.applyChange({ kind: 'budget', campaignId: 'c2', dailyBudget: 400 }, 'cut-c2');
        executed++;
      },
      stats: () => ({
        decisions: { proposed: 3, executed, autonomous: executed, escalated: 1, blocked: 1, cancelled: 0 },
        violations: 0,
        conflicts: 2,
        accuracy: { evaluated: 1, directional: 1, coverage80: 1, mape: 0.123456, medianRelativeWidth: 0.2 },
      }),
    });
    const report = await runSimulation(scenario, { agents, days: 5 });
    expect(report.decisions).toEqual({ proposed: 3, executed: 1, autonomous: 1, escalated: 1, blocked: 1, cancelled: 0 });
    expect(report.autonomyRate).toBe(0.5);
    expect(report.conflicts).toBe(2);
    expect(report.accuracy.mape).toBe(0.1235);
    expect(report.strategies.agents.spend).toBeCloseTo(5 * 1800 - 3 * 400, 2);
  });

  it('reports progress up to the total over all five strategies', async () => {
    const seen: number[] = [];
    await runSimulation(scenario, { days: 2, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toHaveLength(5 * 48);
  });
});

describe('generateScenario', () => {
  it('makes the same valid N-campaign scenario for the same options, and runs', async () => {
    const a = generateScenario({ campaigns: 40, days: 7, seed: 2 });
    expect(a.campaigns).toHaveLength(40);
    expect(generateScenario({ campaigns: 40, days: 7, seed: 2 })).toEqual(a);
    expect(generateScenario({ campaigns: 40, days: 7, seed: 3 })).not.toEqual(a);
    const report = await runSimulation(a);
    expect(report.strategies.static.spend).toBeGreaterThan(0);
    expect(() => generateScenario({ campaigns: 0, days: 7 })).toThrow(/campaigns/);
  });
});
