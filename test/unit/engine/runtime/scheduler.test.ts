import { describe, expect, it } from 'vitest';
import { startScheduler } from '@engine/runtime/scheduler';
import { AcceleratedClock, HOUR_MS, ManualClock, type Clock } from '@shared/time';
import { AccountZone } from '@shared/zone';

const MINUTE = 60_000;

/** Lets every settled promise's callbacks run (no time passes). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A runtime that notes the instants it was woken at, and can be held mid-tick. */
function recorder(clock: ManualClock) {
  const woken: string[] = [];
  let hold: Promise<void> | undefined;
  return {
    woken,
    holdNext(until: Promise<void>) {
      hold = until;
    },
    async tick() {
      woken.push(new Date(clock.now()).toISOString().slice(11, 16));
      const waiting = hold;
      hold = undefined;
      await waiting;
    },
  };
}

describe('scheduler', () => {
  it('wakes each runtime at the start of each of its own local hours: on the hour in New York, at :30 in Kolkata', async () => {
    const start = Date.UTC(2026, 0, 5, 3, 10);
    const nyClock = new ManualClock(start);
    const inClock = new ManualClock(start);
    const ny = recorder(nyClock);
    const kolkata = recorder(inClock);
    const scheduler = startScheduler({ pollMs: Infinity });
    scheduler.add(ny, nyClock, AccountZone.of('America/New_York'));
    const removeKolkata = scheduler.add(kolkata, inClock, AccountZone.of('Asia/Kolkata'));
    for (let t = start; t <= start + 150 * MINUTE; t += 10 * MINUTE) {
      nyClock.set(t);
      inClock.set(t);
      scheduler.poll();
      await scheduler.idle();
    }
    // Woken at once when first looked at, then once an hour, each at its own hour's start.
    expect(ny.woken).toEqual(['03:10', '04:00', '05:00']);
    expect(kolkata.woken).toEqual(['03:10', '03:30', '04:30', '05:30']);

    removeKolkata();
    nyClock.set(start + 200 * MINUTE);
    inClock.set(start + 200 * MINUTE);
    scheduler.poll();
    await scheduler.idle();
    expect(ny.woken.at(-1)).toBe('06:30');
    expect(kolkata.woken).toHaveLength(4);
    scheduler.stop();
  });

  it('lets a slow tick delay only its own runtime, and idle() waits for every tick under way', async () => {
    const clockA = new ManualClock(Date.UTC(2026, 0, 5, 0, 5));
    const clockB = new ManualClock(Date.UTC(2026, 0, 5, 0, 5));
    const a = recorder(clockA);
    const b = recorder(clockB);
    const scheduler = startScheduler({ pollMs: Infinity });
    scheduler.add(a, clockA, AccountZone.UTC);
    scheduler.add(b, clockB, AccountZone.UTC);
    let release!: () => void;
    a.holdNext(new Promise<void>((resolve) => (release = resolve)));
    scheduler.poll();
    await flush();
    for (const clock of [clockA, clockB]) clock.set(Date.UTC(2026, 0, 5, 1, 5));
    scheduler.poll();
    await flush();
    // A is still in its first tick: its 01:00 hour waits; B moved on.
    expect(a.woken).toEqual(['00:05']);
    expect(b.woken).toEqual(['00:05', '01:05']);
    let idle = false;
    const settled = scheduler.idle().then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    release();
    await settled;
    scheduler.poll();
    await scheduler.idle();
    expect(a.woken).toEqual(['00:05', '01:05']);
    scheduler.stop();
  });
});

/** A runtime that notes each wake-up: its account time, and where the gap it catches up on began. */
function catchUpRecorder(clock: Clock) {
  const ticks: Array<{ at: string; missedSince?: string }> = [];
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  return {
    ticks,
    async tick(missedSince?: number) {
      ticks.push(missedSince === undefined ? { at: hhmm(clock.now()) } : { at: hhmm(clock.now()), missedSince: hhmm(missedSince) });
    },
  };
}

describe('scheduler after a gap in real time', () => {
  it('wakes each runtime once to catch up after the machine slept 6 h, and logs the gap once', async () => {
    const start = Date.UTC(2026, 0, 5, 5, 0);
    // The account's time and real time are one clock, looked at every minute; 90 minutes without a look is a gap.
    const clock = new ManualClock(start);
    const a = catchUpRecorder(clock);
    const b = catchUpRecorder(clock);
    const logged: string[] = [];
    const scheduler = startScheduler({ pollMs: Infinity, realClock: clock, gapMs: 90 * MINUTE, log: (line) => logged.push(line) });
    scheduler.add(a, clock, AccountZone.UTC);
    scheduler.add(b, clock, AccountZone.of('Asia/Kolkata'));
    const look = async () => {
      scheduler.poll();
      await scheduler.idle();
    };
    for (let minute = 0; minute <= 60; minute++) {
      clock.set(start + minute * MINUTE);
      await look();
    }
    expect(logged).toEqual([]);
    expect(a.ticks).toEqual([{ at: '05:00' }, { at: '06:00' }]);

    clock.advance(6 * HOUR_MS + 12 * MINUTE);
    await look();
    clock.advance(MINUTE);
    await look();
    expect(logged).toEqual(['woke after 6 h 12 min asleep; catching up once']);
    // One catch-up each, from the last look before the gap, not one per missed hour.
    expect(a.ticks.slice(2)).toEqual([{ at: '12:12', missedSince: '06:00' }]);
    expect(b.ticks.slice(-1)).toEqual([{ at: '12:12', missedSince: '06:00' }]);
    expect(b.ticks.filter((t) => t.missedSince)).toHaveLength(1);

    clock.advance(HOUR_MS - MINUTE);
    await look();
    expect(a.ticks.at(-1)).toEqual({ at: '13:12' });
    expect(logged).toHaveLength(1);
    scheduler.stop();
  });

  it('counts no gap when a sandbox clock runs an hour per real second', async () => {
    const real = new ManualClock(Date.UTC(2026, 0, 5, 5, 0));
    const sandbox = new AcceleratedClock(Date.UTC(2026, 3, 1), 3600, real);
    const runtime = catchUpRecorder(sandbox);
    const logged: string[] = [];
    const scheduler = startScheduler({ pollMs: Infinity, realClock: real, log: (line) => logged.push(line) });
    scheduler.add(runtime, sandbox, AccountZone.UTC);
    // Looked at every 250 ms of real time for 10 s: ten account hours pass, none of them a gap.
    for (let look = 0; look < 40; look++) {
      real.advance(250);
      scheduler.poll();
      await scheduler.idle();
    }
    expect(runtime.ticks.length).toBeGreaterThanOrEqual(10);
    expect(runtime.ticks.every((t) => t.missedSince === undefined)).toBe(true);
    expect(logged).toEqual([]);
    scheduler.stop();
  });

  it('keeps the catch-up for a runtime whose tick was still under way when the machine woke', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 5, 0));
    const woken: Array<number | undefined> = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runtime = {
      async tick(missedSince?: number) {
        woken.push(missedSince);
        if (woken.length === 1) await held;
      },
    };
    const scheduler = startScheduler({ pollMs: Infinity, realClock: clock, gapMs: 90 * MINUTE });
    scheduler.add(runtime, clock, AccountZone.UTC);
    scheduler.poll();
    clock.advance(7 * HOUR_MS);
    scheduler.poll();
    await flush();
    expect(woken).toEqual([undefined]);
    release();
    await scheduler.idle();
    clock.advance(MINUTE);
    scheduler.poll();
    await scheduler.idle();
    expect(woken).toEqual([undefined, Date.UTC(2026, 0, 5, 5, 0)]);
    scheduler.stop();
  });
});
