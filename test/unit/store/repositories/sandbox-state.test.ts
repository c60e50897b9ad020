import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import { addAgent, decision, memoryStore, T0 } from '../fixtures';

let store: Store;
let accountId: number;

beforeEach(() => {
  store = memoryStore();
  accountId = store.accounts.connect({ platform: 'sandbox', externalId: 'sandbox', name: 'Acme', currency: 'JPY', timezone: 'Asia/Tokyo', createdAt: T0 }).id;
});
afterEach(() => store.close());

const row = (...values: number[]) => Float64Array.from(values);

describe('accounts', () => {
  it('connects an account once, audited', () => {
    expect(store.accounts.list()).toEqual([
      {
        id: accountId,
        platform: 'sandbox',
        externalId: 'sandbox',
        name: 'Acme',
        currency: 'JPY',
        timezone: 'Asia/Tokyo',
        createdAt: T0,
        conversionAction: null,
      },
    ]);
    expect(store.audit.entries().map((e) => [e.kind, e.subject])).toEqual([['account.connected', String(accountId)]]);
    expect(() => store.accounts.connect({ ...store.accounts.list()[0] })).toThrow('the sandbox account sandbox is already connected to this workspace');
  });
});

describe('sandbox state', () => {
  it('keeps the scenario, the latest state and every hour, its floats bit for bit', () => {
    store.sandboxState.begin(accountId, '{"format":"acm-scenario/1"}', { state: 's0', savedAt: T0, hours: [] });
    store.sandboxState.save(accountId, { state: 's1', savedAt: T0 + 1, hours: [{ hour: 0, data: row(0.1, -0, 1e-310, Number.MAX_VALUE) }] });
    store.sandboxState.save(accountId, { state: 's2', savedAt: T0 + 2, hours: [{ hour: 1, data: row(1 / 3) }] });
    expect(store.sandboxState.get(accountId)).toEqual({ accountId, scenario: '{"format":"acm-scenario/1"}', state: 's2', savedAt: T0 + 2 });
    const hours = [...store.sandboxState.hours(accountId)];
    expect(hours.map((h) => h.hour)).toEqual([0, 1]);
    expect([...hours[0].data]).toEqual([0.1, -0, 1e-310, Number.MAX_VALUE]);
    expect(Object.is(hours[0].data[1], -0)).toBe(true);
    expect(hours[1].data[0]).toBe(1 / 3);
  });

  it('saves all or nothing: an hour written twice leaves the earlier state as it was', () => {
    store.sandboxState.begin(accountId, '{}', { state: 's0', savedAt: T0, hours: [{ hour: 0, data: row(1) }] });
    expect(() =>
      store.sandboxState.save(accountId, {
        state: 's1',
        savedAt: T0 + 1,
        hours: [
          { hour: 1, data: row(2) },
          { hour: 0, data: row(3) },
        ],
      }),
    ).toThrow(/UNIQUE/);
    expect(store.sandboxState.get(accountId)?.state).toBe('s0');
    expect([...store.sandboxState.hours(accountId)].map((h) => h.hour)).toEqual([0]);
  });

  it('names the latest simulated instant on the record and what holds it', () => {
    expect(store.sandboxState.latestRecord()).toBeUndefined();
    addAgent(store, 'a1');
    expect(store.sandboxState.latestRecord()).toEqual({ at: T0, what: 'an agent' });
    store.decisions.insert(decision({ id: 'd1', createdAt: T0 + 5000 }));
    store.alerts.raise({ createdAt: T0 + 3000, kind: 'audit', severity: 'info', message: 'earlier' });
    expect(store.sandboxState.latestRecord()).toEqual({ at: T0 + 5000, what: 'a decision' });
  });

  it('audits a restart', () => {
    store.sandboxState.recordRestart(accountId, { stop: 'clean', resumedAt: T0 });
    const last = store.audit.entries().at(-1)!;
    expect([last.kind, last.subject, JSON.parse(last.content)]).toEqual(['host.restarted', String(accountId), { stop: 'clean', resumedAt: T0 }]);
  });
});
