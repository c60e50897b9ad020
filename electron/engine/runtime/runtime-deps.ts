import type { AgentStatus } from '@shared/domain/agent';
import type { AlertSeverity } from '@shared/domain/alert';
import type { Holdout } from '@shared/domain/experiment';
import type { PlatformAdapter } from '@shared/platform/adapter';
import type { Random } from '@shared/random';
import type { Policy, Pool } from '@shared/scenario/schema';
import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { Proposal } from '../agents/proposal';
import type { ForecastEvent } from '../forecast';
import type { Verdict } from '../guardrails/types';
import type { Records } from '../ports/records';

export interface RuntimeDeps {
  /** The record every decision, agent, alert, conflict, outcome and lease is kept in. */
  store: Records;
  platform: PlatformAdapter;
  clock: Clock;
  /** The account's time zone: reviews at its midnights, goals, "today" and the forecasts' days in its local days. */
  zone: AccountZone;
  random: Random;
  /** Waits between retries: real time in the app, simulated in `acm simulate`. */
  sleep(ms: number): Promise<void>;
  policies?: readonly Policy[];
  accountDailySpendCap?: number;
  /** The marketer's calendar, its days as the account's local midnights (forecastCalendar). */
  calendar?: readonly ForecastEvent[];
  /** The campaigns running experiments hold out now (asked at every review and before every change): no agent manages them meanwhile. */
  holdout?(): Holdout;
  /** Shared budget pools (FORMAT.md), agents named. */
  pools?: readonly Pool[];
  /**
   * The account may only be read (a token without the right to change it): why, in words a
   * person understands. Every decision then escalates with this reason, and none is ever sent.
   */
  recommendOnly?: string;
  newId?(): string;
  /** Real time, for leases: they guard against other processes, whatever the account's clock. */
  wallClock?: Clock;
  /** Told of every decision, agent or alert that changed, for live views. */
  onChange?(change: RuntimeChange): void;
  /** Told what could not be recorded (a pause the store could not write yet). */
  log?(message: string, error?: unknown): void;
}

export type RuntimeChange =
  | { kind: 'decision'; decisionId: string; agentId: string }
  | { kind: 'agent'; agentId: string; status: AgentStatus }
  | { kind: 'alert'; alertId: string; severity: AlertSeverity };

/** A person's undo: by default it obeys the agent's limits in force; `overrideLimits` sets them (and the agent's pause) aside, logged as such. */
export interface UndoOptions {
  overrideLimits?: boolean;
}

/** A pause (or terminate) takes effect at once; `recorded` says whether the store has it yet (a full disk may delay that). */
export interface StatusChange {
  agentIds: string[];
  recorded: boolean;
}

/** A review of an agent that does not run yet: what it would propose now, and what the guardrails would say. */
export interface AgentPreview {
  at: number;
  proposals: { proposal: Proposal; verdict: Verdict }[];
  held: { campaignId: string; why: string }[];
  atRisk: string[];
  daysObserved: number;
}
