import type { Scenario } from '@shared/scenario/schema';
import { forecastCalendar } from '@engine/agents/calendar';
import { AgentRuntime } from '@engine/runtime/agent-runtime';
import { ManualClock } from '@shared/time';
import { stream } from '@shared/random';
import { createStoreRecorder } from '@lab/store-recorder';
import { SandboxPlatform, World } from '@platforms/sandbox/index';
import { openDatabase, type Store } from '@store/index';
import { CallLog } from './call-log';

export interface SandboxRig {
  world: World;
  sandbox: SandboxPlatform;
  log: CallLog;
  store: Store;
  clock: ManualClock;
  runtime: AgentRuntime;
  agentIds: string[];
  /** Every wait the executor asked for between retries (simulated: nobody waits). */
  waits: { ms: number; afterCall: number }[];
  /** Review cycles and metric recordings that threw (the app logs them and carries on). */
  failedCycles: unknown[];
  /** Plays `hours` hours as the host does: the agents' tick, the world's hour, the day's metrics. */
  runHours(hours: number, beforeTick?: () => void | Promise<void>): Promise<void>;
  close(): void;
}

export interface RigOptions {
  yieldEachCall?: boolean;
  /** A database file instead of memory (its key file beside it). */
  dbPath?: string;
  /** What the runtime is given in place of the store, to inject failures; the rig itself reads the real one. */
  storeSeenByRuntime?: (store: Store) => Store;
}

/** A scenario's account on the sandbox with the real runtime on a store (in memory by default), behind a call log. */
export function sandboxRig(scenario: Scenario, options: RigOptions = {}): SandboxRig {
  const world = new World(scenario);
  const sandbox = new SandboxPlatform(world);
  const log = new CallLog(sandbox, options);
  const store = openDatabase({ path: options.dbPath ?? ':memory:' });
  const clock = new ManualClock(world.now());
  const waits: SandboxRig['waits'] = [];
  const failedCycles: unknown[] = [];
  const runtime = new AgentRuntime({
    store: options.storeSeenByRuntime?.(store) ?? store,
    platform: log,
    clock,
    zone: world.zone,
    random: stream(scenario.seed, 'reliability'),
    sleep: async (ms) => void waits.push({ ms, afterCall: log.calls.length }),
    policies: scenario.policies,
    accountDailySpendCap: scenario.account?.dailySpendCap,
    calendar: forecastCalendar(scenario.calendar, world.zone),
    pools: scenario.pools,
  });
  const agentIds = scenario.agents.map((a) => runtime.addAgent(a));
  const recorder = createStoreRecorder(store);
  return {
    world,
    sandbox,
    log,
    store,
    clock,
    runtime,
    agentIds,
    waits,
    failedCycles,
    async runHours(hours, beforeTick) {
      for (let i = 0; i < hours && !world.finished; i++) {
        clock.set(world.now());
        await beforeTick?.();
        try {
          await runtime.tick();
        } catch (error) {
          failedCycles.push(error);
        }
        const hour = world.hour;
        world.step();
        try {
          await recorder.afterHour(hour, sandbox);
        } catch (error) {
          failedCycles.push(error);
        }
      }
    },
    close: () => store.close(),
  };
}
