/** Time comes in through this port so that a simulated quarter runs in seconds and tests control it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told: the simulator and the tests drive it. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    if (ms < this.current) throw new Error(`clock cannot go back from ${this.current} to ${ms}`);
    this.current = ms;
  }
  advance(ms: number): void {
    this.set(this.current + ms);
  }
}

/**
 * Simulated time running `speed` times faster than real time from `startMs`: the headless host's
 * sandbox account uses it so a new user sees a day pass in minutes.
 */
export class AcceleratedClock implements Clock {
  private readonly realStart: number;
  constructor(
    private readonly startMs: number,
    readonly speed: number,
    private readonly real: Clock = systemClock,
  ) {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
    this.realStart = real.now();
  }
  now(): number {
    return this.startMs + (this.real.now() - this.realStart) * this.speed;
  }
}

/**
 * Strictly increasing time from another clock: two records stamped by it never tie, so the
 * order of decisions made within one millisecond (or one simulated instant) is the order of
 * their timestamps.
 */
export class MonotonicClock implements Clock {
  private last = -Infinity;
  constructor(private readonly inner: Clock) {}
  now(): number {
    this.last = Math.max(this.inner.now(), this.last + 1);
    return this.last;
  }
}
