import { everyDecision } from '@shared/domain/decision-log';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '@lab/simulate';
import { generateScenario } from '@lab/generate';
import { engineAgents } from '@lab/engine-agents';
import { agentsUnderExperiment, defaultPreDays, experimentFigures, planExperiment, reportedDays, type SimExperiment } from '@lab/experiment';
import { formatReportText } from '@lab/report-text';
import { playStrategy } from '@lab/run-strategy';
import { holdSettingsAgents, staticStrategy, type AgentsFactory } from '@lab/strategy';
import { recountViolations } from '@engine/guardrails/recount';
import type { Decision } from '@shared/domain/decision';
import { AccountZone } from '@shared/zone';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';

const withoutWall = <T extends { wallMs: number }>(r: T) => ({ ...r, wallMs: 0 });

/**
 * One seed of a generated world played as `acm simulate --experiment` plays it, less the
 * baselines the experiment does not need: the agents under the experiment, and the static run
 * on the same draws as the counterfactual.
 */
async function playExperiment(seed: number, agents: (store: Store) => AgentsFactory): Promise<SimExperiment> {
  const days = 42;
  const scenario = generateScenario({ campaigns: 6, days, seed });
  const zone = AccountZone.of(scenario.timezone);
  const plan = planExperiment(scenario, zone, days, seed, {});
  const store = openDatabase({ path: ':memory:' });
  try {
    const under = agentsUnderExperiment(agents(store), plan);
    let read: () => ReturnType<typeof reportedDays> = async () => [];
    const run = await playStrategy(scenario, {
      seed,
      days,
      strategy: (world, platform) => {
        read = () => reportedDays(platform, zone, plan.runStartMs, world.now());
        return under.agents({ platform, scenario, approvals: 'none' });
      },
    });
    const rows = await read();
    const counterfactual = await playStrategy(scenario, { seed, days, strategy: () => staticStrategy });
    return experimentFigures(plan, under.assignment()!, rows, run.ledger, counterfactual.ledger);
  } finally {
    store.close();
  }
}

describe('acm simulate --experiment', () => {
  const scenario = generateScenario({ campaigns: 6, days: 30, seed: 4 });

  it('adds the experiment to the report, last, only when asked, the same run to run', async () => {
    const store = openDatabase({ path: ':memory:' });
    const report = await runSimulation(scenario, { agents: engineAgents(store), experiment: {} });
    store.close();
    expect(Object.keys(report).at(-1)).toBe('experiment');
    const e = report.experiment!;
    expect(Object.keys(e)).toEqual([
      'seed',
      'preDays',
      'testDays',
      'startDate',
      'treatment',
      'holdout',
      'pairs',
      'estimate',
      'low',
      'high',
      'significant',
      'verdict',
      'trueLift',
    ]);
    expect(e).toMatchObject({ seed: scenario.seed, preDays: defaultPreDays(30), testDays: 20, pairs: 3 });
    expect(defaultPreDays(30)).toBe(10);
    expect(e.treatment).toHaveLength(3);
    expect(new Set([...e.treatment, ...e.holdout]).size).toBe(6);
    expect(e.low!).toBeLessThanOrEqual(e.estimate!);
    expect(e.high!).toBeGreaterThanOrEqual(e.estimate!);
    expect(Number.isFinite(e.trueLift)).toBe(true);
    expect(e.significant).toBe(e.low! > 0 || e.high! < 0);
    expect(report.violations).toBe(0);
    expect(formatReportText(report, 'USD')).toContain(`  ${e.verdict}\n  True lift`);

    const other = openDatabase({ path: ':memory:' });
    const again = await runSimulation(scenario, { agents: engineAgents(other), experiment: {} });
    other.close();
    expect(withoutWall(again)).toEqual(withoutWall(report));
    expect((await runSimulation(scenario, { days: 5 })).experiment).toBeUndefined();
  });

  it('keeps the agents off every campaign in the pre-period, and off the holdout after it', async () => {
    const store = openDatabase({ path: ':memory:' });
    const report = await runSimulation(scenario, { agents: engineAgents(store), experiment: { seed: 9 } });
    const e = report.experiment!;
    const start = AccountZone.of(scenario.timezone).dayOfDate(e.startDate).startMs;
    const executed = [...everyDecision(store.decisions)].filter((d) => d.state === 'executed');
    expect(executed.length).toBeGreaterThan(0);
    for (const d of executed) {
      expect(d.executedAt!).toBeGreaterThanOrEqual(start);
      expect(e.treatment).toContain(d.campaignId);
    }
    // A change that reached a holdout campaign all the same is counted as a violation.
    const initial = await new SandboxPlatform(new World(scenario)).listCampaigns();
    const forged: Decision = { ...executed[0], id: 'forged', idempotencyKey: 'forged', campaignId: e.holdout[0] };
    const input = { initial, decisions: [forged], agents: new Map([[forged.agentId, scenario.agents[0]]]), policies: scenario.policies };
    const rules = (holdout?: Map<string, string>) => recountViolations({ ...input, holdout }).flatMap((v) => v.findings.map((f) => f.rule));
    expect(rules(new Map(e.holdout.map((id) => [id, 'x'])))).toContain('experiment.holdout');
    expect(rules()).not.toContain('experiment.holdout');
    store.close();
  });

  it('refuses an experiment it cannot run', async () => {
    await expect(runSimulation(scenario, { experiment: {}, via: 'meta' })).rejects.toThrow(/sandbox only/);
    await expect(runSimulation(scenario, { experiment: { preDays: 30 } })).rejects.toThrow(/pre-period must be from 1 to 29 days/);
    await expect(runSimulation(scenario, { experiment: {}, days: 1 })).rejects.toThrow(/at least 2 days/);
  });

  it('covers the true lift with its 90% intervals, and calls no lift where there is none (reduced: 24 seeds)', async () => {
    const seeds = Array.from({ length: 24 }, (_, i) => i + 1);
    let covered = 0;
    for (const seed of seeds) {
      const e = await playExperiment(seed, engineAgents);
      if (e.low! <= e.trueLift && e.trueLift <= e.high!) covered++;
    }
    let called = 0;
    for (const seed of seeds) {
      const e = await playExperiment(seed, () => holdSettingsAgents);
      expect(e.trueLift).toBe(0);
      if (e.significant) called++;
    }
    expect(covered / seeds.length).toBeGreaterThanOrEqual(0.75);
    expect(called / seeds.length).toBeLessThanOrEqual(0.2);
  }, 120_000);
});
