import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { Store } from '@store/index';
import { memoryStore, T0 } from '../fixtures';

const campaign = (over: Partial<CampaignInfo> = {}): CampaignInfo => ({
  id: 'c1',
  name: 'Prospecting - Broad',
  platform: 'sandbox',
  status: 'active',
  dailyBudget: 100,
  minDailyBudget: 1,
  labels: [],
  bid: { strategy: 'lowest_cost' },
  audiences: [],
  creatives: [],
  ...over,
});

let store: Store;
afterEach(() => store?.close());

describe('campaign snapshots', () => {
  it('keeps a campaign only when it differs from its last snapshot, and names it as it stood at a time', () => {
    store = memoryStore();
    expect(store.snapshots.keepChanged([campaign(), campaign({ id: 'c2', name: 'Brand search' })], T0)).toBe(2);
    expect(store.snapshots.keepChanged([campaign(), campaign({ id: 'c2', name: 'Brand search' })], T0 + 1000)).toBe(0);
    expect(store.snapshots.keepChanged([campaign({ name: 'Prospecting - Кампания' })], T0 + 2000)).toBe(1);
    expect(store.snapshots.latest('c1', T0 + 1500)?.campaign.name).toBe('Prospecting - Broad');
    expect(store.snapshots.latest('c1')?.campaign.name).toBe('Prospecting - Кампания');
  });
});
