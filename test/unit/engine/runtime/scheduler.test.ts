import { describe, expect, it } from 'vitest';
import { startScheduler } from '@engine/runtime/scheduler';
import { ManualClock } from '@shared/time';
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
