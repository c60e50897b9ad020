import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS, type Clock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { SandboxPlatform } from './platform';
import { World } from './world';
import { WorldSaver, type SandboxStateSink } from './world-saver';
import { restoreWorld, type SavedHour, type WorldState } from './world-state';

export interface SandboxAccountOptions {
  scenario: Scenario;
  clock: Clock;
  /** Hour zero of the account (default: midnight of the clock's today in the scenario's zone, so a new user's account is live now). */
  startMs?: number;
  /** How long the account can run, in days (default: the scenario's days, at least two years). */
  days?: number;
  seed?: number;
  /** Keeps the world after every change and every simulated hour; without it the world lives in memory only. */
  sink?: SandboxStateSink;
  /** A world saved by an earlier run, to continue (its seed, start and length replace the options'); `where` names it in messages. */
  saved?: { state: WorldState; hours: Iterable<SavedHour>; where: string };
  /** Told when an hour could not be saved (it is saved with the next save); a change that cannot be saved fails instead. */
  onSaveError?(error: unknown): void;
}

export interface SandboxAccount {
  platform: SandboxPlatform;
  /** Brings the world up to the clock, saving the hours it simulated. */
  catchUp(): void;
  /** Saves the world as it stands, with the clock's instant; `closed` marks the save of a clean stop. */
  save(closed?: boolean): void;
}

const LIVE_ACCOUNT_MIN_DAYS = 730;

/**
 * The app's embedded sandbox account: a world that catches up with the clock (an
 * AcceleratedClock in the app) whenever it is asked anything, so it is always "now" for
 * whoever looks, and costs nothing while nobody does. With a sink, it is saved as it goes and
 * a saved one continues exactly where it stopped.
 */
export function openSandboxAccount(options: SandboxAccountOptions): SandboxAccount {
  const { scenario, clock, saved } = options;
  const startMs = saved?.state.startMs ?? options.startMs ?? AccountZone.of(scenario.timezone).startOfDay(clock.now());
  const days = saved?.state.days ?? options.days ?? Math.max(scenario.days, LIVE_ACCOUNT_MIN_DAYS);
  const world = new World(scenario, { seed: saved?.state.seed ?? options.seed, startMs, days });
  const hourNow = () => Math.floor((clock.now() - startMs) / HOUR_MS);
  let saver: WorldSaver | undefined;
  const catchUp = () => (saver ? saver.advanceTo(hourNow()) : world.advanceTo(hourNow()));
  const platform = new SandboxPlatform(world, { beforeCall: catchUp, afterChange: () => saver?.save() });
  if (saved) restoreWorld(platform, saved.state, saved.hours, saved.where);
  if (options.sink) {
    const onSaveError =
      options.onSaveError ??
      ((error: unknown) => {
        throw error;
      });
    saver = new WorldSaver(platform, options.sink, clock, onSaveError);
  }
  return {
    platform,
    catchUp,
    save: (closed = false) => saver?.save(closed),
  };
}

export function createSandboxAccount(options: SandboxAccountOptions): SandboxPlatform {
  return openSandboxAccount(options).platform;
}

/** The scenario a new user's sandbox account plays; `resourcesDir` is where the app's resources live once packaged. */
export function defaultScenarioPath(resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url))): string {
  return join(resourcesDir, 'scenarios', 'single-agent-roas.json');
}
