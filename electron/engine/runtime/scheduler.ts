import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { AgentRuntime } from './agent-runtime';

export interface SchedulerOptions {
  /** How often, in real milliseconds, the scheduler looks whether an hour has begun (default 250; Infinity: only when `poll` is called). */
  pollMs?: number;
  onError?(error: unknown): void;
}

/** What the scheduler wakes: a runtime's tick. */
export type Wakeable = Pick<AgentRuntime, 'tick'>;

export interface Scheduler {
  /** Wakes `runtime` at the start of every local hour of its account (`zone`) on `clock`; returns what stops waking it. */
  add(runtime: Wakeable, clock: Clock, zone: AccountZone): () => void;
  /** Looks once whether an hour has begun for each runtime and wakes those; the timer does this every `pollMs`. */
  poll(): void;
  /** Stops waking every runtime (ticks under way finish: see `idle`). */
  stop(): void;
  /** Settles once every tick under way has ended. */
  idle(): Promise<void>;
}

interface Entry {
  runtime: Wakeable;
  clock: Clock;
  zone: AccountZone;
  /** Start of the last hour it was woken in. */
  lastHour: number;
  busy: boolean;
}

/**
 * One scheduler for every account the host runs (one runtime per workspace), each on its own
 * clock and in its own zone: a runtime is woken at the start of each of its local hours (on the
 * UTC hour in New York, at :30 in Kolkata), so its daily review falls at its local midnight.
 * One tick at a time per runtime: a slow tick delays that runtime's next rather than overlapping
 * it, and hours missed meanwhile are not replayed (the agents look at the account as it is now).
 * A runtime is first woken at the first look after it is added.
 */
export function startScheduler(options: SchedulerOptions = {}): Scheduler {
  const entries = new Set<Entry>();
  const inFlight = new Set<Promise<void>>();

  const wake = (entry: Entry) => {
    const hour = entry.zone.startOfHour(entry.clock.now());
    if (entry.busy || hour === entry.lastHour) return;
    entry.lastHour = hour;
    entry.busy = true;
    const running = entry.runtime
      .tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        entry.busy = false;
        inFlight.delete(running);
      });
    inFlight.add(running);
  };
  const poll = () => {
    for (const entry of entries) wake(entry);
  };

  const pollMs = options.pollMs ?? 250;
  const timer = Number.isFinite(pollMs) ? setInterval(poll, pollMs) : undefined;
  timer?.unref();
  return {
    add(runtime, clock, zone) {
      const entry: Entry = { runtime, clock, zone, lastHour: Number.NEGATIVE_INFINITY, busy: false };
      entries.add(entry);
      return () => void entries.delete(entry);
    },
    poll,
    stop() {
      if (timer) clearInterval(timer);
      entries.clear();
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
