import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { ConflictProposal } from '@shared/domain/conflict';
import { addAgent, decision, memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
  addAgent(store, 'a1');
  addAgent(store, 'a2');
});
afterEach(() => store.close());

describe('outcomes', () => {
  it("lists an agent's track record, most recent first, once per decision", () => {
    store.decisions.insert(decision({ id: 'd1', agentId: 'a1' }));
    store.decisions.insert(decision({ id: 'd2', agentId: 'a1' }));
    store.decisions.insert(decision({ id: 'd3', agentId: 'a2' }));
    const outcome = (decisionId: string, at: number) => ({
      decisionId,
      evaluatedAt: T0 + at,
      actual: 540,
      error: -20,
      withinInterval: true,
      directionCorrect: at % 2 === 0,
    });
    store.outcomes.record(outcome('d1', 2));
    store.outcomes.record(outcome('d2', 1));
    store.outcomes.record(outcome('d3', 3));
    expect(store.outcomes.listForAgent('a1')).toEqual([outcome('d1', 2), outcome('d2', 1)]);
    expect(store.outcomes.listForAgent('a1', { limit: 1 })).toEqual([outcome('d1', 2)]);
    expect(() => store.outcomes.record(outcome('d1', 9))).toThrow('outcome of decision d1: UNIQUE constraint failed: outcomes.decision_id');
  });
});

describe('conflicts', () => {
  const proposal = (agent: string, dailyBudget: number): ConflictProposal => ({
    change: { kind: 'budget', campaignId: 'c1', dailyBudget },
    reasoning: `${agent}: marginal ROAS says ${dailyBudget}`,
    confidence: 0.7,
    prediction: { metric: 'revenue', windowHours: 24, point: 500, low80: 450, high80: 560 },
  });

  it("keeps the loser's proposal as dissent until reviewed", () => {
    const stored = store.conflicts.insert({
      createdAt: T0,
      campaignId: 'c1',
      setting: 'budget',
      winnerAgentId: 'a1',
      loserAgentId: 'a2',
      rule: 'priority',
      winnerProposal: proposal('a1', 120),
      loserProposal: proposal('a2', 80),
    });
    expect(store.conflicts.list()).toEqual([stored]);
    expect(store.conflicts.list({ unreviewedOnly: true })[0].loserProposal.reasoning).toBe('a2: marginal ROAS says 80');
    expect(store.conflicts.markReviewed(stored.id)).toBe(true);
    expect(store.conflicts.markReviewed(stored.id)).toBe(false);
    expect(store.conflicts.list({ unreviewedOnly: true })).toEqual([]);
    expect(store.conflicts.list()[0].reviewed).toBe(true);
  });
});

describe('campaign snapshots', () => {
  const info = (dailyBudget: number): CampaignInfo => ({
    id: 'c1',
    name: 'Search',
    platform: 'sandbox',
    status: 'active',
    dailyBudget,
    minDailyBudget: 1,
    labels: [],
    bid: { strategy: 'lowest_cost' },
    audiences: [],
    creatives: [{ id: 'cr1', name: 'Hero', enabled: true, liveSince: null }],
  });

  it('returns the campaign as last seen at a moment', () => {
    store.snapshots.insert({ takenAt: T0, campaignId: 'c1', campaign: info(100) });
    store.snapshots.insert({ takenAt: T0 + 10, campaignId: 'c1', campaign: info(120) });
    expect(store.snapshots.latest('c1')?.campaign.dailyBudget).toBe(120);
    expect(store.snapshots.latest('c1', T0 + 5)).toEqual({ takenAt: T0, campaignId: 'c1', campaign: info(100) });
    expect(store.snapshots.latest('c1', T0 - 1)).toBeUndefined();
  });
});
