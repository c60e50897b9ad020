import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppliedChange } from '@shared/platform/idempotency';
import type { Store } from '@store/index';
import { IDEMPOTENCY_RETENTION_MS } from '@store/repositories/idempotency';
import { memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
});
afterEach(() => store.close());

const ACCOUNT = 'act_1001';

function applied(at: number, dailyBudget = 120): AppliedChange {
  return {
    fingerprint: JSON.stringify({ kind: 'budget', campaignId: '42', dailyBudget }),
    result: {
      campaign: {
        id: '42',
        name: 'Prospecting',
        platform: ACCOUNT,
        status: 'active',
        dailyBudget,
        minDailyBudget: 1,
        labels: [],
        bid: { strategy: 'lowest_cost' },
        audiences: [{ id: '7', name: 'Broad', weight: 1, enabled: true }],
        creatives: [],
      },
      applied: true,
      appliedAt: at,
    },
  };
}

describe('idempotency keys', () => {
  it('gives back what was stored under a key, per account', () => {
    const entry = applied(T0);
    store.idempotency.put(ACCOUNT, 'k1', entry);
    expect(store.idempotency.get(ACCOUNT, 'k1')).toEqual(entry);
    expect(store.idempotency.get(ACCOUNT, 'k2')).toBeUndefined();
    expect(store.idempotency.get('act_2002', 'k1')).toBeUndefined();
  });

  it('forgets keys older than the retention when a new one is stored, and keeps the rest', () => {
    store.idempotency.put(ACCOUNT, 'old', applied(T0));
    store.idempotency.put(ACCOUNT, 'recent', applied(T0 + IDEMPOTENCY_RETENTION_MS / 2));
    store.idempotency.put('act_2002', 'other-account', applied(T0));
    store.idempotency.put(ACCOUNT, 'new', applied(T0 + IDEMPOTENCY_RETENTION_MS + 1));
    expect(store.idempotency.get(ACCOUNT, 'old')).toBeUndefined();
    expect(store.idempotency.get(ACCOUNT, 'recent')).toBeDefined();
    expect(store.idempotency.get(ACCOUNT, 'new')).toBeDefined();
    expect(store.idempotency.get('act_2002', 'other-account')).toBeDefined();
  });

  it('refuses a result that cannot be stored as JSON, storing nothing', () => {
    expect(() => store.idempotency.put(ACCOUNT, 'k1', applied(Number.NaN))).toThrow(/appliedAt NaN is not an instant/);
    expect(store.idempotency.get(ACCOUNT, 'k1')).toBeUndefined();
  });
});
