import type { Scenario } from '@shared/scenario/schema';
import { judgeGoals } from './goals';
import { oracleStrategy } from './oracle';
import { autonomyRate, REPORT_FORMAT, roundAccuracy, totalsOf, type SimReport, type StrategyTotals } from './report';
import { playStrategy, type RunLedger } from './run-strategy';
import { manualStrategy, rulesStrategy } from './baselines';
import { holdSettingsAgents, staticStrategy, STRATEGY_NAMES, type AgentsFactory, type ApprovalMode, type StrategyName } from './strategy';
import { scenarioHours } from '../platforms/sandbox/local-hours';
import type { SandboxPlatform } from '../platforms/sandbox/platform';
import type { World } from '../platforms/sandbox/world';
import type { CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import type { MetricsQuery } from '@shared/platform/adapter';
import { AccountZone } from '@shared/zone';
import type { Via } from './via';
import { openGoogleAccount, type GoogleTraffic } from './via-google';
import { openMetaAccount, type MetaTraffic } from './via-meta';
import { agentsVia, reportsVia } from './via';
import { agentsUnderExperiment, experimentFigures, planExperiment, reportedDays, type ExperimentOptions } from './experiment';
import type { CampaignDay } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';

/** The agents' account as a recorder reads it: its world, and the reports the agents' adapter gives (the sandbox's, Meta's or Google's). */
export interface RecordedAccount {
  readonly world: World;
  getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]>;
  listCampaigns(): Promise<CampaignInfo[]>;
}

/** Sees the agents' run as it happens, e.g. to record it in the store. */
export interface SimulationRecorder {
  afterHour(hour: number, account: RecordedAccount): void | Promise<void>;
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
  /** How the agents reach the account (default sandbox); the baselines always play the sandbox directly. */
  via?: Via;
  /** Told what Meta's traffic came to, when the agents played via Meta. */
  onMetaTraffic?(traffic: MetaTraffic): void;
  /** Told what Google's traffic came to, when the agents played via Google. */
  onGoogleTraffic?(traffic: GoogleTraffic): void;
  /**
   * Plays the agents as a holdout experiment: after a pre-period with every campaign left as set,
   * they manage a random half (matched pairs), the rest held out; the report gains `experiment`,
   * the static run serving as the counterfactual that gives the true lift. Sandbox only.
   */
  experiment?: ExperimentOptions;
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
  if (options.experiment && options.via !== undefined && options.via !== 'sandbox') {
    throw new AcmError('INVALID_INPUT', 'an experiment plays the agents on the sandbox only');
  }
  const zone = AccountZone.of(scenario.timezone);
  const plan = options.experiment && planExperiment(scenario, zone, days, seed, options.experiment);
  const hoursPerRun = scenarioHours(zone, scenario.start, days, scenario.hourly);
  const total = hoursPerRun * STRATEGY_NAMES.length;
  let runsDone = 0;
  const progress = (hours: number) => options.onProgress?.(runsDone * hoursPerRun + hours, total);

  type Build = Parameters<typeof playStrategy>[1]['strategy'];
  type Recording = { recorder: SimulationRecorder; account(world: World, platform: SandboxPlatform): RecordedAccount };
  const play = async (build: Build, recording?: Recording): Promise<RunLedger> => {
    let recorded: RecordedAccount | undefined;
    const run = await playStrategy(scenario, {
      seed,
      days,
      strategy: async (world, platform) => {
        const strategy = await build(world, platform);
        recorded = recording?.account(world, platform);
        return strategy;
      },
      hooks: {
        onHourDone: async (hours) => {
          if (recording && recorded) await recording.recorder.afterHour(hours - 1, recorded);
          progress(hours);
        },
      },
    });
    runsDone++;
    // Only the ledger outlives the run: the worlds' hourly ledgers are freed one run at a time.
    return run.ledger;
  };

  const underExperiment = plan && agentsUnderExperiment(options.agents ?? holdSettingsAgents, plan);
  const agentsFactory = underExperiment?.agents ?? options.agents ?? holdSettingsAgents;
  const approvals = options.approvals ?? 'none';
  let agentsStrategy: Awaited<ReturnType<AgentsFactory>> | undefined;
  let reportsOf: ((world: World) => RecordedAccount) | undefined;
  let reportTraffic: () => void = () => undefined;
  // The daily reports the experiment is analysed from, read once the agents' run ends, as an operator would read them then.
  let readReports: (() => Promise<CampaignDay[]>) | undefined;
  const agentsRun = await play(
    async (world, platform) => {
      if (options.via === 'meta') {
        const meta = await openMetaAccount(world);
        reportsOf = (w) => reportsVia(meta, w);
        reportTraffic = () => options.onMetaTraffic?.(meta.traffic());
        return (agentsStrategy = await agentsVia(meta, agentsFactory, { scenario, approvals }));
      }
      if (options.via === 'google') {
        const google = await openGoogleAccount(world);
        reportsOf = (w) => reportsVia(google, w);
        reportTraffic = () => options.onGoogleTraffic?.(google.traffic());
        return (agentsStrategy = await agentsVia(google, agentsFactory, { scenario, approvals }));
      }
      if (plan) readReports = () => reportedDays(platform, zone, plan.runStartMs, world.now());
      return (agentsStrategy = await agentsFactory({ platform, scenario, approvals }));
    },
    // The store keeps what the agents' own adapter reports: under the platform's ids when they play through one.
    options.recorder && { recorder: options.recorder, account: (world, platform) => reportsOf?.(world) ?? platform },
  );
  reportTraffic();
  const reported = await readReports?.();
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
  const assignment = underExperiment?.assignment();
  const experiment = plan && assignment && reported && experimentFigures(plan, assignment, reported, agentsRun, ledgers.static);
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
    ...(experiment ? { experiment } : {}),
  };
}
