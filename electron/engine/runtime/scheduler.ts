import { HOUR_MS, type Clock } from '@shared/time';
import type { AgentRuntime } from './agent-runtime';

export interface SchedulerOptions {
  /** How often, in real milliseconds, the scheduler looks whether a simulated hour has begun. */
  pollMs?: number;
  onError?(error: unknown): void;
}

/**
 * Wakes the runtime at the start of every hour of the account's clock (simulated hours run
 * faster on an accelerated clock). One tick at a time: a slow tick delays the next rather than
 * overlapping it, and hours missed meanwhile are not replayed (the agents look at the account
 * as it is now).
 */
export function startScheduler(runtime: AgentRuntime, clock: Clock, options: SchedulerOptions = {}): { stop(): void; idle(): Promise<void> } {
  let lastHour = Math.floor(clock.now() / HOUR_MS) - 1;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    const hour = Math.floor(clock.now() / HOUR_MS);
    if (busy || hour === lastHour) return;
    lastHour = hour;
    busy = true;
    running = runtime
      .tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        busy = false;
      });
  }, options.pollMs ?? 250);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: () => running,
  };
}
