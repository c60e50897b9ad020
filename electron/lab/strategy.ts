import type { Holdout } from '@shared/domain/experiment';
import type { PlatformAdapter } from '@shared/platform/adapter';
import type { AccuracySummary, DecisionCounts } from '@shared/domain/run-figures';
import type { Scenario } from '@shared/scenario/schema';

export const STRATEGY_NAMES = ['agents', 'static', 'manual', 'rules', 'oracle'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** What a strategy sees at the start of each simulated hour: the account, through the adapter only. */
export interface HourContext {
  platform: PlatformAdapter;
  scenario: Scenario;
  /** Hours since the start of the run; the world has simulated every hour before it. */
  hour: number;
  /** The account's local day (0-based) this hour belongs to. */
  day: number;
  /** The hour at which a local day of the run begins: days of 23 or 25 hours cross a daylight-saving change. */
  dayStartHour(day: number): number;
  /** Epoch ms of the start of this hour. */
  now: number;
}

/** A way of managing the account, played on its own copy of the world. */
export interface Strategy {
  onHour(ctx: HourContext): void | Promise<void>;
}

/** What the agents did over a run, counted from their own records. */
export interface AgentsRunStats {
  decisions: DecisionCounts;
  violations: number;
  conflicts: number;
  accuracy: AccuracySummary;
}

export interface AgentsStrategy extends Strategy {
  stats(): AgentsRunStats | Promise<AgentsRunStats>;
}

export type ApprovalMode = 'none' | 'all';

export interface AgentsEnvironment {
  platform: PlatformAdapter;
  scenario: Scenario;
  /** How the simulated people answer escalations: approve none or all of them. */
  approvals: ApprovalMode;
  /** The campaigns a holdout experiment keeps from the agents now (`acm simulate --experiment`). */
  holdout?(): Holdout;
}

/** Builds the agents for one run; the engine plugs its agents in here. */
export type AgentsFactory = (env: AgentsEnvironment) => AgentsStrategy | Promise<AgentsStrategy>;

export const NO_DECISIONS: DecisionCounts = { proposed: 0, executed: 0, autonomous: 0, escalated: 0, blocked: 0, cancelled: 0 };
export const NO_ACCURACY: AccuracySummary = { evaluated: 0, directional: 0, coverage80: 0, mape: 0, medianRelativeWidth: 0 };

/** Leaves the account as the scenario set it up. */
export const staticStrategy: Strategy = { onHour: () => undefined };

/** Until the engine's agents are plugged in, "agents" holds the initial settings and honestly reports no decisions. */
export const holdSettingsAgents: AgentsFactory = () => ({
  onHour: () => undefined,
  stats: () => ({ decisions: { ...NO_DECISIONS }, violations: 0, conflicts: 0, accuracy: { ...NO_ACCURACY } }),
});
