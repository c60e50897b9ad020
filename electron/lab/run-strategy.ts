import type { Scenario } from '@shared/scenario/schema';
import { HOUR_MS } from '@shared/time';
import { SandboxPlatform } from '../platforms/sandbox/platform';
import { World } from '../platforms/sandbox/world';
import type { Strategy } from './strategy';

/** The truth of one strategy's run, per campaign and day (index campaign * days + day). */
export interface RunLedger {
  days: number;
  campaignIds: string[];
  daySpend: Float64Array;
  dayConversions: Float64Array;
  dayRevenue: Float64Array;
}

export interface RunHooks {
  /** After each simulated hour: how many hours of this run are done. */
  onHourDone?(hoursDone: number): void | Promise<void>;
}

export interface PlayOptions {
  seed: number;
  days: number;
  /** Builds the strategy for this world; only the oracle may look past the platform at the world. */
  strategy(world: World, platform: SandboxPlatform): Strategy | Promise<Strategy>;
  hooks?: RunHooks;
}

export interface PlayedRun {
  ledger: RunLedger;
  world: World;
  platform: SandboxPlatform;
  strategy: Strategy;
}

/** Plays one strategy on a fresh world of the scenario: every strategy's world has the same draws. */
export async function playStrategy(scenario: Scenario, options: PlayOptions): Promise<PlayedRun> {
  const world = new World(scenario, { seed: options.seed, days: options.days });
  const platform = new SandboxPlatform(world);
  const strategy = await options.strategy(world, platform);
  const hours = world.totalHours;
  const dayStartHour = (day: number) => world.dayStartHour(day);
  for (let hour = 0; hour < hours; hour++) {
    await strategy.onHour({ platform, scenario, hour, day: world.dayAt(hour), dayStartHour, now: world.startMs + hour * HOUR_MS });
    world.step();
    if (options.hooks?.onHourDone) await options.hooks.onHourDone(hour + 1);
  }
  return {
    ledger: {
      days: world.days,
      campaignIds: world.campaigns.map((c) => c.spec.id),
      daySpend: world.daySpend,
      dayConversions: world.dayConversions,
      dayRevenue: world.dayRevenue,
    },
    world,
    platform,
    strategy,
  };
}
