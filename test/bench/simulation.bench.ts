import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineAgents } from '@lab/engine-agents';
import { generateScenario } from '@lab/generate';
import { loadScenarioFile } from '@lab/load-file';
import { playStrategy } from '@lab/run-strategy';
import { runSimulation } from '@lab/simulate';
import { createStoreRecorder } from '@lab/store-recorder';
import { staticStrategy } from '@lab/strategy';
import { openDatabase } from '@store/index';
import type { Benchmark, BenchRow } from './harness';

const single = fileURLToPath(new URL('../../resources/scenarios/single-agent-roas.json', import.meta.url));

/** A whole `acm simulate` (five strategies, agents on a real store in a temporary file), in seconds. */
async function simulateSeconds(scenario: Parameters<typeof runSimulation>[0]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'acm-bench-'));
  const store = openDatabase({ path: join(dir, 'run.sqlite') });
  try {
    const started = performance.now();
    await runSimulation(scenario, { agents: engineAgents(store), recorder: createStoreRecorder(store) });
    return (performance.now() - started) / 1000;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const simulationBenchmark: Benchmark = {
  name: 'simulation',
  async run() {
    const rows: BenchRow[] = [];
    const generated = generateScenario({ campaigns: 500, days: 90, seed: 7 });
    const hours = 500 * 90 * 24;

    let started = performance.now();
    await playStrategy(generated, { seed: generated.seed, days: generated.days, strategy: () => staticStrategy });
    const worldAlone = hours / ((performance.now() - started) / 1000);
    rows.push({ name: 'simulator throughput, world alone (500 campaigns, 90 days)', value: Math.round(worldAlone), kind: 'count', unit: 'campaign-hours/s' });

    const dir = mkdtempSync(join(tmpdir(), 'acm-bench-'));
    const store = openDatabase({ path: join(dir, 'run.sqlite') });
    const recorder = createStoreRecorder(store);
    let platform: Parameters<typeof recorder.afterHour>[1] | undefined;
    started = performance.now();
    await playStrategy(generated, {
      seed: generated.seed,
      days: generated.days,
      strategy: (_world, p) => {
        platform = p;
        return staticStrategy;
      },
      hooks: { onHourDone: (done) => recorder.afterHour(done - 1, platform!) },
    });
    store.close();
    rmSync(dir, { recursive: true, force: true });
    const withStore = hours / ((performance.now() - started) / 1000);
    rows.push({ name: 'simulator throughput, world and store', value: Math.round(withStore), kind: 'count', unit: 'campaign-hours/s' });

    const loaded = await loadScenarioFile(single);
    if (!loaded.ok) throw new Error(`cannot load ${single}`);
    const small = await simulateSeconds(loaded.scenario);
    rows.push({ name: 'acm simulate single-agent-roas.json', value: Number(small.toFixed(2)), kind: 'count', unit: 's', target: '< 5 s', ok: small < 5 });
    const large = await simulateSeconds(generated);
    rows.push({
      name: 'acm simulate, generated 500 campaigns x 90 days',
      value: Number(large.toFixed(1)),
      kind: 'count',
      unit: 's',
      target: '< 60 s',
      ok: large < 60,
    });
    return rows;
  },
};
