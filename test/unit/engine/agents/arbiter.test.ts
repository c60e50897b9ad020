import { describe, expect, it } from 'vitest';
import { arbitrate, trackRecord, type Contender } from '@engine/agents/arbiter';
import type { Proposal } from '@engine/agents/proposal';
import type { CampaignInfo } from '@shared/domain/campaign';

const campaign = (id: string, dailyBudget = 1000): CampaignInfo => ({
  id,
  name: `Campaign ${id}`,
  platform: 'sandbox',
  status: 'active',
  dailyBudget,
  minDailyBudget: 1,
  labels: [],
  bid: { strategy: 'lowest_cost' },
  audiences: [],
  creatives: [],
});

function budget(agentName: string, id: string, to: number): Proposal {
  const c = campaign(id);
  return {
    agentName,
    campaign: c,
    change: { kind: 'budget', campaignId: id, dailyBudget: to },
    before: { kind: 'budget', dailyBudget: c.dailyBudget },
    after: { kind: 'budget', dailyBudget: to },
    reasoning: `${agentName} wants ${to}`,
    prediction: { metric: 'revenue', windowHours: 72, point: 1, low80: 0, high80: 2, baseline: 1 },
    raw: { metric: 'revenue', point: 1, low80: 0, high80: 2 },
    confidence: 0.8,
    evidenceConversions: 100,
    metrics: {},
  };
}

const contender = (agentId: string, priority: number, proposals: Proposal[], over: Partial<Contender> = {}): Contender => ({
  agentId,
  name: agentId,
  priority,
  trackRecord: 0.5,
  proposals,
  keeps: [],
  ...over,
});

describe('arbiter', () => {
  it('lets the higher priority win a conflict and keeps the loser’s dissent', () => {
    const scale = contender('scale', 2, [budget('scale', 'c1', 1200)]);
    const efficiency = contender('efficiency', 1, [budget('efficiency', 'c1', 800), budget('efficiency', 'c2', 900)]);
    const result = arbitrate([efficiency, scale], []);
    expect(result.accepted.map((a) => [a.agentId, a.proposal.campaign.id])).toEqual([
      ['scale', 'c1'],
      ['efficiency', 'c2'],
    ]);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({
      campaignId: 'c1',
      setting: 'budget',
      rule: 'priority',
      winner: { agentId: 'scale' },
      loser: { agentId: 'efficiency' },
    });
    expect(result.conflicts[0].loser.proposal.reasoning).toBe('efficiency wants 800');
    expect(result.report.get('efficiency')).toMatchObject({ asked: 2, granted: 1 });
  });

  it('breaks a priority tie by track record, whatever the order', () => {
    const a = contender('a', 1, [budget('a', 'c1', 1200)], { trackRecord: 0.4 });
    const b = contender('b', 1, [budget('b', 'c1', 900)], { trackRecord: 0.7 });
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const result = arbitrate(order, []);
      expect(result.accepted.map((x) => x.agentId)).toEqual(['b']);
      expect(result.conflicts[0].rule).toBe('track record');
    }
  });

  it('lets a higher-ranked agent that wants a budget kept win against a change of it', () => {
    const keeper = contender('scale', 2, [], { keeps: [{ campaign: campaign('c1'), reasoning: 'keep it' }] });
    const cutter = contender('efficiency', 1, [budget('efficiency', 'c1', 800)]);
    const result = arbitrate([keeper, cutter], []);
    expect(result.accepted).toEqual([]);
    expect(result.conflicts[0]).toMatchObject({ winner: { agentId: 'scale' }, loser: { agentId: 'efficiency' }, rule: 'priority' });
  });

  it('refuses to undo a higher-ranked agent’s recent change, but lets it be pushed further', () => {
    const scale = contender('scale', 2, []);
    const recent = [
      {
        agentId: 'scale',
        campaignId: 'c1',
        setting: 'budget',
        at: 0,
        before: { kind: 'budget' as const, dailyBudget: 800 },
        after: { kind: 'budget' as const, dailyBudget: 1000 },
      },
    ];
    const back = arbitrate([scale, contender('efficiency', 1, [budget('efficiency', 'c1', 850)])], recent);
    expect(back.accepted).toEqual([]);
    expect(back.conflicts[0].rule).toBe('earlier change');
    const further = arbitrate([scale, contender('efficiency', 1, [budget('efficiency', 'c1', 1100)])], recent);
    expect(further.accepted).toHaveLength(1);
  });

  it('lets a higher-ranked spend goal stop lower-ranked cuts that would take the budgets below it, largest first', () => {
    const floor = { least: 3000, total: 3000, campaignIds: new Set(['c1', 'c2', 'c3']) };
    const scale = contender('scale', 2, [budget('scale', 'c3', 1100)], { spendFloor: floor });
    const efficiency = contender('efficiency', 1, [budget('efficiency', 'c1', 850), budget('efficiency', 'c2', 950)]);
    const result = arbitrate([efficiency, scale], []);
    // Scale's raise of 100 makes up for the cut of 50, not for the cut of 150.
    expect(result.accepted.map((a) => [a.agentId, a.proposal.campaign.id])).toEqual([
      ['efficiency', 'c2'],
      ['scale', 'c3'],
    ]);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ campaignId: 'c1', rule: 'priority', winner: { agentId: 'scale' }, loser: { agentId: 'efficiency' } });
    expect((result.conflicts[0].winner.proposal as { reasoning: string }).reasoning).toMatch(/3,000\/day together, its spend goal/);
    expect(result.report.get('efficiency')).toMatchObject({ asked: 2, granted: 1 });

    const outranked = arbitrate([contender('efficiency', 3, [budget('efficiency', 'c1', 850)]), scale], []);
    expect(outranked.accepted.map((a) => a.proposal.campaign.id)).toEqual(['c1', 'c3']);
  });

  it('scores a track record from outcomes, starting a new agent at one half', () => {
    expect(trackRecord([])).toBe(0.5);
    const good = trackRecord(Array.from({ length: 20 }, () => ({ withinInterval: true, directionCorrect: true })));
    const poor = trackRecord(Array.from({ length: 20 }, () => ({ withinInterval: false, directionCorrect: false })));
    expect(good).toBeGreaterThan(0.9);
    expect(poor).toBeLessThan(0.1);
  });
});
