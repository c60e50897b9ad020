import { describe, expect, it } from 'vitest';
import { poolRoom, resolvePools, shareBudget } from '@engine/agents/pools';
import type { CampaignInfo } from '@shared/domain/campaign';

const campaign = (id: string, dailyBudget: number, status: CampaignInfo['status'] = 'active'): CampaignInfo => ({
  id,
  name: id,
  platform: 'sandbox',
  status,
  dailyBudget,
  minDailyBudget: 1,
  labels: [],
  bid: { strategy: 'lowest_cost' },
  audiences: [],
  creatives: [],
});

describe('pools', () => {
  it('hands a pool out by weight, never more than an agent asked for, leftovers to the others', () => {
    const grants = shareBudget(10000, [
      { agentId: 'a', desired: 2000, weight: 2 },
      { agentId: 'b', desired: 9000, weight: 1 },
      { agentId: 'c', desired: 9000, weight: 1 },
    ]);
    expect(grants.get('a')).toBeCloseTo(2000, 6);
    expect(grants.get('b')).toBeCloseTo(4000, 6);
    expect(grants.get('c')).toBeCloseTo(4000, 6);
    const split = shareBudget(9000, [
      { agentId: 'a', desired: 9000, weight: 2 },
      { agentId: 'b', desired: 9000, weight: 1 },
    ]);
    expect(split.get('a')).toBeCloseTo(6000, 6);
    expect(split.get('b')).toBeCloseTo(3000, 6);
  });

  it('leaves an agent the pool’s budget less what the pool’s other active campaigns hold', () => {
    const pools = resolvePools(
      [{ id: 'main', dailyBudget: 5000, agents: ['A', 'B'] }],
      [
        { id: 'a', name: 'A', campaignIds: ['c1', 'c2'] },
        { id: 'b', name: 'B', campaignIds: ['c3', 'c4'] },
      ],
    );
    expect(pools[0].campaignIds).toEqual(['c1', 'c2', 'c3', 'c4']);
    const account = [campaign('c1', 1000), campaign('c2', 1000), campaign('c3', 1500), campaign('c4', 900, 'paused')];
    expect(poolRoom('a', ['c1', 'c2'], pools, account)).toBe(3500);
    expect(poolRoom('x', ['c9'], pools, account)).toBe(Number.POSITIVE_INFINITY);
  });
});
