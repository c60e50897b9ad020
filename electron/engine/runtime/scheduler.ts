import { systemClock, type Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { AgentRuntime } from './agent-runtime';
import { describeGap } from './gap';

/** Real time between two looks past which the machine slept or the process was stopped: far beyond a late timer, far below an hour. */
const GAP_MS = 2 * 60_000;

export interface SchedulerOptions {
  /** How often, in real milliseconds, the scheduler looks whether an hour has begun (default 250; Infinity: only when `poll` is called). */
  pollMs?: number;
  /** Real time, which tells a gap from an account clock that runs fast (a sandbox): the system's unless a test drives one. */
  realClock?: Clock;
  /** Real milliseconds between two looks past which the scheduler counts a gap and catches up (default 2 minutes). */
  gapMs?: number;
  onError?(error: unknown): void;
  /** Told of each gap once, however many runtimes catch up on it. */
  log?(message: string): void;
}

/** What the scheduler wakes: a runtime's tick. */
export type Wakeable = Pick<AgentRuntime, 'tick'>;

export interface Scheduler {
  /** Wakes `runtime` at the start of every local hour of its account (`zone`) on `clock`; returns what stops waking it. */
  add(runtime: Wakeable, clock: Clock, zone: AccountZone): () => void;
  /**
   * Looks once whether an hour has begun for each runtime and wakes those; the timer does this
   * every `pollMs`, and the host when the machine wakes from sleep (so the catch-up starts then).
   */
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
  /** Its clock's time at the last look. */
  seenAt: number;
  /** Its clock's time when a gap began that it has not caught up on yet. */
  missedSince?: number;
  busy: boolean;
}

/**
 * One scheduler for every account the host runs (one runtime per workspace), each on its own
 * clock and in its own zone: a runtime is woken at the start of each of its local hours (on the
 * UTC hour in New York, at :30 in Kolkata), so its daily review falls at its local midnight.
 * One tick at a time per runtime: a slow tick delays that runtime's next rather than overlapping
 * it, and hours missed meanwhile are not replayed (the agents look at the account as it is now).
 * A runtime is first woken at the first look after it is added.
 *
 * When more real time than `gapMs` passed between two looks (the machine slept, the process was
 * stopped), each runtime's next tick is one catch-up (`tick(missedSince)`) for the reviews that
 * fell due in the gap, not one per missed hour. Real time, not the account's clock, tells a gap:
 * a sandbox clock sixty times faster than real time passes an hour every real minute, and that is no gap.
 */
export function startScheduler(options: SchedulerOptions = {}): Scheduler {
  const entries = new Set<Entry>();
  const inFlight = new Set<Promise<void>>();

  const realClock = options.realClock ?? systemClock;
  const gapMs = options.gapMs ?? GAP_MS;
  /** Real time at the last look (the start counts as one: a machine may sleep before the first). */
  let lookedAt = realClock.now();

  const wake = (entry: Entry) => {
    const now = entry.clock.now();
    const hour = entry.zone.startOfHour(now);
    entry.seenAt = now;
    if (entry.busy) return;
    const missedSince = entry.missedSince;
    entry.missedSince = undefined;
    if (hour === entry.lastHour) return;
    entry.lastHour = hour;
    entry.busy = true;
    const running = entry.runtime
      .tick(missedSince)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        entry.busy = false;
        inFlight.delete(running);
      });
    inFlight.add(running);
  };
  const poll = () => {
    const realNow = realClock.now();
    const slept = realNow - lookedAt;
    lookedAt = realNow;
    if (slept > gapMs) {
      options.log?.(`woke after ${describeGap(slept)} asleep; catching up once`);
      for (const entry of entries) entry.missedSince ??= entry.seenAt;
    }
    for (const entry of entries) wake(entry);
  };

  const pollMs = options.pollMs ?? 250;
  const timer = Number.isFinite(pollMs) ? setInterval(poll, pollMs) : undefined;
  timer?.unref();
  return {
    add(runtime, clock, zone) {
      const entry: Entry = { runtime, clock, zone, lastHour: Number.NEGATIVE_INFINITY, seenAt: clock.now(), busy: false };
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
