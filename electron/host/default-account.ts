import { forecastCalendar } from '../engine/agents/calendar';
import type { ForecastEvent } from '../engine/forecast';
import { DAY_MS, type AcceleratedClock, type Clock } from '@shared/time';
import { loadScenarioFile } from '../lab/load-file';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { createSandboxAccount, defaultScenarioPath } from '../platforms/sandbox';
import type { Policy, Pool } from '@shared/scenario/schema';

/** The ad account a host serves: its platform adapter, the clock it runs on, and its display name. */
export interface HostAccount {
  name: string;
  platform: PlatformAdapter;
  clock: Clock;
  /** The account's rules for agents: policies, the daily cap, the marketer's calendar, budget pools shared by agents named in them. */
  rules: { policies: Policy[]; accountDailySpendCap?: number; calendar: ForecastEvent[]; pools?: Pool[] };
  /** Releases what the account holds (a simulator's timers, a connection). */
  close?(): void | Promise<void>;
}

/** One simulated hour per real minute: a new user sees agents act within a minute or two. */
export const DEFAULT_SPEED = 60;

export interface AccountRequest {
  /** A scenario file (acm-scenario/1) to load instead of the built-in sandbox account. */
  scenarioPath?: string;
  /** Where the bundled scenarios are (the packaged app's resources); the source tree's by default. */
  resourcesDir?: string;
  /** Builds the host's accelerated clock from the account's first simulated instant (epoch ms). */
  startClock(startMs: number): AcceleratedClock;
  /** Now, for where the built-in account starts (default Date.now). */
  now?(): number;
}

export type AccountFactory = (request: AccountRequest) => Promise<HostAccount>;

/**
 * The sandbox account (FORMAT.md's simulator behind the platform adapter) on an accelerated
 * clock. The built-in account starts at today's midnight UTC, so a new user sees a live
 * account with a day of history filling in; a scenario given with --scenario starts on its
 * own start date, so that its calendar events fall where it put them.
 */
export const createDefaultAccount: AccountFactory = async (request) => {
  const path = request.scenarioPath ?? defaultScenarioPath(request.resourcesDir);
  const loaded = await loadScenarioFile(path);
  if (!loaded.ok) {
    throw new Error(`cannot open scenario ${path}:\n${loaded.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
  const { scenario } = loaded;
  const startMs = request.scenarioPath ? Date.parse(`${scenario.start}T00:00:00Z`) : Math.floor((request.now ?? Date.now)() / DAY_MS) * DAY_MS;
  const clock = request.startClock(startMs);
  return {
    name: scenario.name,
    platform: createSandboxAccount({ scenario, clock, startMs }),
    clock,
    rules: {
      policies: scenario.policies,
      accountDailySpendCap: scenario.account?.dailySpendCap,
      calendar: forecastCalendar(scenario.calendar),
      pools: scenario.pools,
    },
  };
};
