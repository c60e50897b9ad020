import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Scenario } from '@shared/scenario/schema';
import { DAY_MS, HOUR_MS, type Clock } from '@shared/time';
import { SandboxPlatform } from './platform';
import { World } from './world';

export interface SandboxAccountOptions {
  scenario: Scenario;
  clock: Clock;
  /** Hour zero of the account (default: midnight UTC of the clock's today, so a new user's account is live now). */
  startMs?: number;
  /** How long the account can run, in days (default: the scenario's days, at least two years). */
  days?: number;
  seed?: number;
}

const LIVE_ACCOUNT_MIN_DAYS = 730;

/**
 * The app's embedded sandbox account: a world that catches up with the clock (an
 * AcceleratedClock in the app) whenever it is asked anything, so it is always "now" for
 * whoever looks, and costs nothing while nobody does.
 */
export function createSandboxAccount(options: SandboxAccountOptions): SandboxPlatform {
  const { scenario, clock } = options;
  const startMs = options.startMs ?? Math.floor(clock.now() / DAY_MS) * DAY_MS;
  const days = options.days ?? Math.max(scenario.days, LIVE_ACCOUNT_MIN_DAYS);
  const world = new World(scenario, { seed: options.seed, startMs, days });
  const catchUp = () => world.advanceTo(Math.floor((clock.now() - startMs) / HOUR_MS));
  return new SandboxPlatform(world, { beforeCall: catchUp });
}

/** The scenario a new user's sandbox account plays; `resourcesDir` is where the app's resources live once packaged. */
export function defaultScenarioPath(resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url))): string {
  return join(resourcesDir, 'scenarios', 'single-agent-roas.json');
}
