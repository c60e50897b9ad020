import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { ManualClock } from '@shared/time';
import { SeededRandom } from '@shared/random';
import { generateScenario } from '@lab/generate';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase } from '@store/index';
import type { Benchmark, BenchRow } from './harness';

const HISTORY_DAYS = 14;

/**
 * One daily review of a generated account's two agents (Efficiency over every campaign, Scale
 * over half), after two weeks of history nobody acted on: the first review (reading the history,
 * fitting a model per campaign) and the next day's (steady state: the new day's reports, a
 * refit, proposals, guard, arbiter, execution into an in-memory store), per campaign.
 */
async function reviewMsPerCampaign(campaigns: number): Promise<{ first: number; steady: number; decisions: number }> {
  const scenario = generateScenario({ campaigns, days: HISTORY_DAYS + 2, seed: 11 });
  const world = new World(scenario, { days: scenario.days });
  const platform = new SandboxPlatform(world);
  for (let hour = 0; hour < HISTORY_DAYS * 24; hour++) world.step();
  const store = openDatabase({ path: ':memory:' });
  const clock = new ManualClock(world.now());
  const runtime = new AgentRuntime({
    store,
    platform,
    clock,
    zone: world.zone,
    random: new SeededRandom(1),
    sleep: async () => undefined,
    policies: scenario.policies,
    pools: scenario.pools,
    accountDailySpendCap: scenario.account?.dailySpendCap,
  });
  for (const agent of scenario.agents) runtime.addAgent(agent);
  const tick = async () => {
    clock.set(world.now());
    const started = performance.now();
    await runtime.tick();
    return performance.now() - started;
  };
  const first = await tick();
  for (let hour = 0; hour < 23; hour++) {
    world.step();
    await tick();
  }
  world.step();
  const steady = await tick();
  const decisions = Object.values(store.decisions.countByState()).reduce((s, n) => s + n, 0);
  store.close();
  return { first: first / campaigns, steady: steady / campaigns, decisions };
}

export const decisionCycleBenchmark: Benchmark = {
  name: 'decision-cycle',
  async run() {
    const rows: BenchRow[] = [];
    for (const campaigns of [1_000, 10_000]) {
      const { first, steady, decisions } = await reviewMsPerCampaign(campaigns);
      const label = `${campaigns.toLocaleString('en-US')} campaigns`;
      rows.push({ name: `decision cycle, daily review per campaign (${label}, steady state)`, value: Number(steady.toFixed(3)), kind: 'count', unit: 'ms' });
      rows.push({
        name: `decision cycle, first review per campaign (${label}, two weeks of history)`,
        value: Number(first.toFixed(3)),
        kind: 'count',
        unit: 'ms',
      });
      rows.push({ name: `decisions made in those two reviews (${label})`, value: decisions, kind: 'count' });
    }
    return rows;
  },
};
