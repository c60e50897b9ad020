import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { engineAgents } from '@lab/engine-agents';
import { loadScenarioFile } from '@lab/load-file';
import { runSimulation } from '@lab/simulate';
import { createStoreRecorder } from '@lab/store-recorder';
import type { Via } from '@lab/via';
import type { GoogleTraffic } from '@lab/via-google';
import { openDatabase } from '@store/index';
import type { Scenario } from '@shared/scenario/schema';

const scenariosDir = fileURLToPath(new URL('../../../resources/scenarios/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'acm-via-google-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every bundled scenario. The whole set takes minutes on a two-core machine, so `npm test` plays the cheapest; ACM_PARITY=all plays them all. */
const BUNDLED = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const IN_NPM_TEST = ['single-agent-roas.json', 'market-shift.json'];
const PLAYED = process.env.ACM_PARITY === 'all' ? BUNDLED : IN_NPM_TEST;

/**
 * How far the agents' revenue through Google may stray from the direct run: 2%, but for
 * creative-fatigue, which misses it (−3.2%). The reports the agents read through Google are the
 * sandbox's to the cent, and with the adapter's reportsSettleDays left out the run repeats the
 * direct one to the cent; it is the attribution-delay grid reaching 30 days (attribution-delay.ts)
 * that makes young days look less complete, so that a few decisions go the other way.
 */
const REVENUE_TOLERANCE: Record<string, number> = { 'creative-fatigue.json': 0.035 };

async function scenarioOf(file: string): Promise<Scenario> {
  const loaded = await loadScenarioFile(join(scenariosDir, file));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.scenario;
}

let runs = 0;
/** The engine's agents on one run of the scenario, recording into a store of their own, as `acm simulate` plays them. */
async function simulate(scenario: Scenario, via: Via) {
  const store = openDatabase({ path: join(dir, `${++runs}.sqlite`) });
  let traffic: GoogleTraffic | undefined;
  try {
    const report = await runSimulation(scenario, {
      agents: engineAgents(store),
      recorder: createStoreRecorder(store),
      via,
      onGoogleTraffic: (t) => (traffic = t),
    });
    return { report, traffic };
  } finally {
    store.close();
  }
}

const verdicts = (report: Awaited<ReturnType<typeof simulate>>['report']) => report.goals.map((g) => ({ agent: g.agent, goal: g.goal, met: g.met }));

describe('the parity run through Google', () => {
  it('names only bundled scenarios', () => {
    for (const file of [...IN_NPM_TEST, ...Object.keys(REVENUE_TOLERANCE)]) expect(BUNDLED).toContain(file);
  });
});

describe.each(PLAYED)('acm simulate %s --via google', (file) => {
  it('meets the same goals with no violation, makes revenue within its tolerance of the direct run, and stays within the Basic access level', async () => {
    const scenario = await scenarioOf(file);
    const direct = await simulate(scenario, 'sandbox');
    const viaGoogle = await simulate(scenario, 'google');
    expect(verdicts(viaGoogle.report)).toEqual(verdicts(direct.report));
    expect(direct.report.violations).toBe(0);
    expect(viaGoogle.report.violations).toBe(0);
    expect(viaGoogle.report.decisions.executed).toBeGreaterThan(0);
    const revenue = direct.report.strategies.agents.revenue;
    expect(Math.abs(viaGoogle.report.strategies.agents.revenue - revenue) / revenue).toBeLessThanOrEqual(REVENUE_TOLERANCE[file] ?? 0.02);
    // The baselines play the sandbox directly either way.
    for (const name of ['static', 'manual', 'rules'] as const) expect(viaGoogle.report.strategies[name]).toEqual(direct.report.strategies[name]);
    expect(viaGoogle.traffic?.busiestDayOperations).toBeLessThan(viaGoogle.traffic?.operationsPerDay ?? 0);
  }, 300_000);
});
