import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError, type Command, type CommandIO, type ParsedArgs } from '../command';
import { openDatabase, type Store } from '@store/index';
import { loadScenarioFile } from '@lab/load-file';
import { runSimulation } from '@lab/simulate';
import { formatReportText } from '@lab/report-text';
import { engineAgents } from '@lab/engine-agents';
import { createStoreRecorder } from '@lab/store-recorder';
import type { AgentsFactory, ApprovalMode } from '@lab/strategy';
import { VIA_NAMES, type Via } from '@lab/via';
import type { GoogleTraffic } from '@lab/via-google';
import type { MetaTraffic } from '@lab/via-meta';
import { MAX_DAYS, MAX_SEED, MIN_SEED } from '@shared/scenario/limits';

export interface SimulateDeps {
  /** The agents to play, recording into the run's store (default: the engine's agents). */
  agents?: (store: Store) => AgentsFactory;
  /** Whether stderr is a terminal, for the progress bar. */
  stderrIsTTY?: () => boolean;
  /** Writes a progress line in place. */
  writeProgress?: (text: string) => void;
}

function parseInteger(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${text}'`);
  return n;
}

function parseApprovals(text: string | undefined): ApprovalMode {
  if (text === undefined) return 'none';
  if (text !== 'none' && text !== 'all') throw new UsageError(`--approvals must be 'none' or 'all', got '${text}'`);
  return text;
}

function parseVia(text: string | undefined): Via {
  if (text === undefined) return 'sandbox';
  if (!(VIA_NAMES as readonly string[]).includes(text)) throw new UsageError(`--via must be ${oneOf(VIA_NAMES.map((v) => `'${v}'`))}, got '${text}'`);
  return text as Via;
}

/** "'a', 'b' or 'c'". */
function oneOf(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

const BAR_WIDTH = 30;

function progressBar(done: number, total: number): string {
  const filled = Math.round((done / total) * BAR_WIDTH);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor((done / total) * 100)}%`;
}

export function createSimulateCommand(deps: SimulateDeps = {}): Command {
  return {
    name: 'simulate',
    summary: 'Play a scenario under the agents and the baseline strategies and report them side by side',
    usage:
      'acm simulate FILE [--days N] [--seed S] [--db FILE] [--json] [--approvals none|all] [--via sandbox|meta|google] [--experiment [--experiment-seed N]]\n' +
      '  --experiment       play the agents as a holdout experiment: after a pre-period (28 days, at most a third of the run) with every\n' +
      '                     campaign left as set, they manage a random half of the campaigns (matched pairs) and the rest are held out;\n' +
      '                     the report gains the estimated ROAS lift with its 90% interval, and the true lift against the static run\n' +
      "  --experiment-seed  seeds the assignment and the analysis (default: the run's seed)",
    options: {
      days: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      approvals: { type: 'string' },
      via: { type: 'string' },
      experiment: { type: 'boolean' },
      'experiment-seed': { type: 'string' },
    },
    positionals: true,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const values = args.values as Record<string, string | boolean | undefined>;
      if (args.positionals.length !== 1) throw new UsageError(`expects exactly one scenario FILE, got ${args.positionals.length}`);
      const days = parseInteger('days', values.days as string | undefined, 1, MAX_DAYS);
      const seed = parseInteger('seed', values.seed as string | undefined, MIN_SEED, MAX_SEED);
      const approvals = parseApprovals(values.approvals as string | undefined);
      const via = parseVia(values.via as string | undefined);
      const experimentSeed = parseInteger('experiment-seed', values['experiment-seed'] as string | undefined, MIN_SEED, MAX_SEED);
      if (experimentSeed !== undefined && values.experiment !== true) throw new UsageError('--experiment-seed needs --experiment');
      if (values.experiment === true && via !== 'sandbox') throw new UsageError('--experiment plays the agents on the sandbox only: leave out --via');
      const experiment = values.experiment === true ? { seed: experimentSeed } : undefined;
      const json = values.json === true;
      const keptDb = typeof values.db === 'string' ? resolve(values.db) : undefined;
      if (keptDb && existsSync(keptDb)) throw new UsageError(`--db: '${values.db}' already exists; name a new file`);

      const file = args.positionals[0];
      const loaded = await loadScenarioFile(file);
      if (!loaded.ok) {
        for (const e of loaded.errors) io.err(`${file}: ${e.path}: ${e.message}`);
        return 2;
      }
      const scenario = loaded.scenario;
      const tempDir = keptDb ? undefined : await mkdtemp(join(tmpdir(), 'acm-simulate-'));
      const store = openDatabase({ path: keptDb ?? join(tempDir as string, 'simulation.sqlite') });
      const showProgress = !json && (deps.stderrIsTTY ?? (() => Boolean(process.stderr.isTTY)))();
      const write = deps.writeProgress ?? ((text: string) => process.stderr.write(text));
      let lastPercent = -1;
      let metaTraffic: MetaTraffic | undefined;
      let googleTraffic: GoogleTraffic | undefined;
      try {
        const report = await runSimulation(scenario, {
          seed,
          days,
          approvals,
          via,
          experiment,
          onMetaTraffic: (t) => (metaTraffic = t),
          onGoogleTraffic: (t) => (googleTraffic = t),
          agents: (deps.agents ?? engineAgents)(store),
          recorder: createStoreRecorder(store),
          onProgress: showProgress
            ? (done, total) => {
                const percent = Math.floor((done / total) * 100);
                if (percent === lastPercent) return;
                lastPercent = percent;
                write(progressBar(done, total));
              }
            : undefined,
        });
        if (showProgress) write('\n');
        io.out(json ? JSON.stringify(report, null, 2) : formatReportText(report, scenario.currency));
        if (metaTraffic && !json) {
          io.out(
            `The agents played through the Meta adapter against a local fake of the Graph API: ${metaTraffic.calls} calls, at most ${metaTraffic.busiestHourCalls} in a simulated hour.`,
          );
        }
        if (googleTraffic && !json) io.out(googleTrafficLine(googleTraffic));
        if (keptDb && !json) io.out(`The agents' run is kept in ${keptDb}.`);
        return 0;
      } finally {
        store.close();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      }
    },
  };
}

function googleTrafficLine(t: GoogleTraffic): string {
  const level = `${t.accessLevel[0].toUpperCase()}${t.accessLevel.slice(1)}`;
  return (
    `The agents played through the Google Ads adapter against a local fake of the Google Ads API: ${t.calls} calls, at most ${t.busiestHourCalls} in a simulated hour; ` +
    `${t.operations} operations, at most ${t.busiestDayOperations} in a quota day of the ${t.operationsPerDay.toLocaleString('en-US')} the ${level} access level allows.`
  );
}

export const simulateCommand = createSimulateCommand();
