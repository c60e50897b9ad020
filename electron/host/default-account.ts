import { forecastCalendar } from '../engine/agents/calendar';
import type { ForecastEvent } from '../engine/forecast';
import type { AcceleratedClock, Clock } from '@shared/time';
import type { PlatformAdapter } from '@shared/platform/adapter';
import type { Policy, Pool } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import type { Store } from '../store';
import type { AccountConnection } from './account-connection';
import type { QuotaSpell } from './quota-pause';
import { openStoredSandbox } from './sandbox-account';

/** The ad account a host serves: its platform adapter, the clock it runs on, and its display name. */
export interface HostAccount {
  name: string;
  platform: PlatformAdapter;
  clock: Clock;
  /** The account's own time zone: its days, midnights and hourly rows. */
  zone: AccountZone;
  /** The account's rules for agents: policies, the daily cap, the marketer's calendar, budget pools shared by agents named in them. */
  rules: { policies: Policy[]; accountDailySpendCap?: number; calendar: ForecastEvent[]; pools?: Pool[] };
  /** Whether a real platform still takes the account's credential; absent for the sandbox, which is always there. */
  connection?: AccountConnection;
  /** Whether the platform's allowance of requests for its day is spent (Google's operations quota); absent where there is none. */
  quota?: QuotaSpell;
  /**
   * The account may only be read (a token without the right to change it): why, in words a person
   * understands. Its agents recommend: every decision escalates, and nothing is sent.
   */
  recommendOnly?: string;
  /** Releases what the account holds (a simulator's timers, a connection). */
  close?(): void | Promise<void>;
}

/** One simulated hour per real minute: a new user sees agents act within a minute or two. */
export const DEFAULT_SPEED = 60;

export interface AccountRequest {
  /** The workspace's database: the account's row and, for the sandbox, its world live there. */
  store: Store;
  /** A scenario file (acm-scenario/1) to load instead of the built-in sandbox account. */
  scenarioPath?: string;
  /** Where the bundled scenarios are (the packaged app's resources); the source tree's by default. */
  resourcesDir?: string;
  /** Builds the host's accelerated clock from the account's first simulated instant (epoch ms). */
  startClock(startMs: number): AcceleratedClock;
  /** A new workspace's own zone, currency and account name, in place of the scenario's. */
  overrides?: { timezone: string; currency: string; name: string };
  /** Now, for where the built-in account starts (default Date.now). */
  now?(): number;
  /** Where a world that could not be saved this hour is reported (default console.error). */
  log?(message: string, error?: unknown): void;
}

export type AccountFactory = (request: AccountRequest) => Promise<HostAccount>;

/** How often, in real milliseconds, the sandbox looks whether a simulated hour has ended, to save it even when nobody asks. */
const SAVE_POLL_MS = 250;

/**
 * The workspace's sandbox account (FORMAT.md's simulator behind the platform adapter) on an
 * accelerated clock, kept in its database so that a restart continues it where it stopped.
 * A new built-in account starts at today's midnight in its zone, so a new user sees a live
 * account with a day of history filling in; a scenario given with --scenario for a new
 * database starts on its own start date, so that its calendar events fall where it put them,
 * with its agents loaded paused.
 */
export const createDefaultAccount: AccountFactory = async (request) => {
  const log = request.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const { scenario, zone, clock, sandbox } = await openStoredSandbox({ ...request, log });
  const ticker = setInterval(() => sandbox.catchUp(), SAVE_POLL_MS);
  ticker.unref();
  return {
    name: scenario.name,
    platform: sandbox.platform,
    clock,
    zone,
    rules: {
      policies: scenario.policies,
      accountDailySpendCap: scenario.account?.dailySpendCap,
      calendar: forecastCalendar(scenario.calendar, zone),
      pools: scenario.pools,
    },
    close() {
      clearInterval(ticker);
      try {
        sandbox.catchUp();
        sandbox.save(true);
      } catch (error) {
        log('the sandbox world could not be saved at shutdown; it continues from its last save', error);
      }
    },
  };
};
