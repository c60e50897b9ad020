import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { engineAgents } from '@lab/engine-agents';
import { loadScenarioFile } from '@lab/load-file';
import { runSimulation } from '@lab/simulate';
import { createStoreRecorder } from '@lab/store-recorder';
import type { Via } from '@lab/via';
import { openDatabase } from '@store/index';
import type { Scenario } from '@shared/scenario/schema';

const scenariosDir = fileURLToPath(new URL('../../../resources/scenarios/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'acm-via-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scenarioOf(file: string): Promise<Scenario> {
  const loaded = await loadScenarioFile(join(scenariosDir, file));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.scenario;
}

let runs = 0;
/** The engine's agents on one run of the scenario, recording into a store of their own, as `acm simulate` plays them. */
async function simulate(scenario: Scenario, via: Via, days?: number) {
  const store = openDatabase({ path: join(dir, `${++runs}.sqlite`) });
  try {
    return await runSimulation(scenario, { agents: engineAgents(store), recorder: createStoreRecorder(store), via, days });
  } finally {
    store.close();
  }
}

const verdicts = (report: Awaited<ReturnType<typeof simulate>>) => report.goals.map((g) => ({ agent: g.agent, goal: g.goal, met: g.met }));

// The two fastest bundled scenarios: all five together take over a minute on a two-core machine
// (README "Playing the agents through the Meta adapter" gives every scenario's figures).
describe.each(['single-agent-roas.json', 'creative-fatigue.json'])('acm simulate %s --via meta', (file) => {
  it('meets the same goals with no violation, and makes revenue within 2% of the direct run', async () => {
    const scenario = await scenarioOf(file);
    const direct = await simulate(scenario, 'sandbox');
    const viaMeta = await simulate(scenario, 'meta');
    expect(verdicts(viaMeta)).toEqual(verdicts(direct));
    expect(direct.violations).toBe(0);
    expect(viaMeta.violations).toBe(0);
    expect(viaMeta.decisions.executed).toBeGreaterThan(0);
    const revenue = direct.strategies.agents.revenue;
    expect(Math.abs(viaMeta.strategies.agents.revenue - revenue) / revenue).toBeLessThanOrEqual(0.02);
    // The baselines play the sandbox directly either way.
    for (const name of ['static', 'manual', 'rules'] as const) expect(viaMeta.strategies[name]).toEqual(direct.strategies[name]);
  });
});

describe('acm simulate --via meta, twice', () => {
  it('gives the same report for the same seed', async () => {
    const scenario = await scenarioOf('creative-fatigue.json');
    const a = await simulate(scenario, 'meta', 10);
    const b = await simulate(scenario, 'meta', 10);
    expect({ ...a, wallMs: 0 }).toEqual({ ...b, wallMs: 0 });
  });
});
