import type { Scenario } from '@shared/scenario/schema';
import { judgeGoals } from './goals';
import { oracleStrategy } from './oracle';
import { autonomyRate, REPORT_FORMAT, roundAccuracy, totalsOf, type SimReport, type StrategyTotals } from './report';
import { playStrategy, type RunLedger } from './run-strategy';
import { manualStrategy, rulesStrategy } from './baselines';
import { holdSettingsAgents, staticStrategy, STRATEGY_NAMES, type AgentsFactory, type ApprovalMode, type StrategyName } from './strategy';
import type { SandboxPlatform } from '../platforms/sandbox/platform';
import { scenarioHours } from '../platforms/sandbox/local-hours';
import { AccountZone } from '@shared/zone';

/** Sees the agents' run as it happens, e.g. to record it in the store. */
export interface SimulationRecorder {
  afterHour(hour: number, platform: SandboxPlatform): void | Promise<void>;
}

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's length. */
  days?: number;
  agents?: AgentsFactory;
  approvals?: ApprovalMode;
  recorder?: SimulationRecorder;
  /** Progress over the whole simulation (all five strategies), in simulated hours. */
  onProgress?(done: number, total: number): void;
  /** Milliseconds since some fixed point, for wallMs (default performance.now). */
  now?(): number;
}

/**
 * Plays the scenario under the agents and the four baselines, each on its own world with the
 * same seed and therefore the same draws, and reports them side by side. The oracle goes last:
 * it splits the agents' actual daily spend.
 */
export async function runSimulation(scenario: Scenario, options: SimulationOptions = {}): Promise<SimReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seed = options.seed ?? scenario.seed;
  const days = options.days ?? scenario.days;
  const hoursPerRun = scenarioHours(AccountZone.of(scenario.timezone), scenario.start, days, scenario.hourly);
  const total = hoursPerRun * STRATEGY_NAMES.length;
  let runsDone = 0;
  const progress = (hours: number) => options.onProgress?.(runsDone * hoursPerRun + hours, total);

  const play = async (build: Parameters<typeof playStrategy>[1]['strategy'], recorder?: SimulationRecorder): Promise<RunLedger> => {
    let platformOfRun: SandboxPlatform | undefined;
    const run = await playStrategy(scenario, {
      seed,
      days,
      strategy: (world, platform) => {
        platformOfRun = platform;
        return build(world, platform);
      },
      hooks: {
        onHourDone: async (hours) => {
          if (recorder && platformOfRun) await recorder.afterHour(hours - 1, platformOfRun);
          progress(hours);
        },
      },
    });
    runsDone++;
    // Only the ledger outlives the run: the worlds' hourly ledgers are freed one run at a time.
    return run.ledger;
  };

  const agentsFactory = options.agents ?? holdSettingsAgents;
  const approvals = options.approvals ?? 'none';
  let agentsStrategy: Awaited<ReturnType<AgentsFactory>> | undefined;
  const agentsRun = await play(async (_world, platform) => (agentsStrategy = await agentsFactory({ platform, scenario, approvals })), options.recorder);
  const ledgers: Record<StrategyName, RunLedger> = {
    agents: agentsRun,
    static: await play(() => staticStrategy),
    manual: await play(() => manualStrategy(scenario)),
    rules: await play(() => rulesStrategy(scenario, hoursPerRun)),
    oracle: await play((world) => oracleStrategy(world, scenario, agentsRun.daySpend)),
  };
  const stats = await (agentsStrategy as NonNullable<typeof agentsStrategy>).stats();

  const strategies = Object.fromEntries(STRATEGY_NAMES.map((name) => [name, totalsOf(ledgers[name])])) as Record<StrategyName, StrategyTotals>;
  const goals = judgeGoals(scenario.agents, agentsRun);
  return {
    format: REPORT_FORMAT,
    scenario: scenario.name,
    seed,
    days,
    strategies,
    decisions: { ...stats.decisions },
    autonomyRate: autonomyRate(stats.decisions),
    violations: stats.violations,
    conflicts: stats.conflicts,
    accuracy: roundAccuracy(stats.accuracy),
    goals,
    wallMs: Math.round(now() - started),
  };
}
