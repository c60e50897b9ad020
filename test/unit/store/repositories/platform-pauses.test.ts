import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import { memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
});
afterEach(() => store.close());

const HOUR = 3_600_000;

function pause(until: number, agentIds: string[]) {
  const alert = store.alerts.raise({ createdAt: T0, kind: 'circuit_break', severity: 'warning', message: 'quota spent' });
  return { account: '1234567890', until, reason: 'RESOURCE_EXHAUSTED', agentIds, alertId: alert.id, createdAt: T0 };
}

describe('platform pauses', () => {
  it('keeps one pause per account, a later one replacing it, until it ends', () => {
    expect(store.platformPauses.get('1234567890')).toBeUndefined();
    const first = pause(T0 + 5 * HOUR, ['a1', 'a2']);
    store.platformPauses.hold(first);
    expect(store.platformPauses.get('1234567890')).toEqual(first);
    const next = pause(T0 + 29 * HOUR, ['a2']);
    store.platformPauses.hold(next);
    expect(store.platformPauses.get('1234567890')).toEqual(next);
    expect(store.platformPauses.get('9999999999')).toBeUndefined();
    store.platformPauses.end('1234567890');
    expect(store.platformPauses.get('1234567890')).toBeUndefined();
  });

  it('refuses a pause without an end, or naming an alert that does not exist, keeping nothing', () => {
    expect(() => store.platformPauses.hold({ ...pause(T0, []), until: Number.NaN })).toThrow(/until NaN is not an instant/);
    expect(() => store.platformPauses.hold({ ...pause(T0, []), alertId: 'no-such-alert' })).toThrow(/FOREIGN KEY/);
    expect(store.platformPauses.get('1234567890')).toBeUndefined();
  });
});
