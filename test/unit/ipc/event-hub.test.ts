import { describe, expect, it, vi } from 'vitest';
import { createEventHub } from '@ipc/event-hub';

describe('event hub', () => {
  it('delivers a valid event to every subscriber until it unsubscribes', () => {
    const hub = createEventHub();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = hub.subscribe(first);
    hub.subscribe(second);
    hub.emit('clock.tick', { now: 1000, speed: 60 });
    stopFirst();
    hub.emit('clock.tick', { now: 2000, speed: 60 });
    expect(first.mock.calls).toEqual([['clock.tick', { now: 1000, speed: 60 }]]);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('refuses a payload that breaks the contract, naming the field', () => {
    const hub = createEventHub();
    const listener = vi.fn();
    hub.subscribe(listener);
    expect(() => hub.emit('clock.tick', { now: 1000, speed: -1 })).toThrow(/payload of event clock\.tick at speed/);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses an event the contract does not declare', () => {
    expect(() => createEventHub().emit('clock.tock' as 'clock.tick', { now: 1, speed: 1 })).toThrow("Unknown IPC event 'clock.tock'");
  });

  it('keeps delivering to the others when one listener throws', () => {
    const log = vi.fn();
    const hub = createEventHub({ log });
    const healthy = vi.fn();
    hub.subscribe(() => {
      throw new Error('socket gone');
    });
    hub.subscribe(healthy);
    hub.emit('clock.tick', { now: 5, speed: 1 });
    expect(healthy).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledOnce();
  });
});
