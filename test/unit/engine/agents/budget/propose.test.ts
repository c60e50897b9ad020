import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import { proposeBudgets, resizeRaise, type BudgetProposals } from '@engine/agents/budget-proposals';
import type { Proposal } from '@engine/agents/proposal';
import { agent, campaign, mindAfter, reportedDays } from '../review-fixture';
import { budgetReview, twoCampaignMind, twoCampaigns } from './budget-fixture';

const budgetOf = (p: Proposal | undefined) => (p?.after.kind === 'budget' ? p.after.dailyBudget : undefined);
const byCampaign = (out: BudgetProposals, id: string) => out.proposals.find((p) => p.campaign.id === id);

describe('budget proposals on a built review', () => {
  let mind: AgentMind;
  let out: BudgetProposals;
  beforeAll(async () => {
    mind = await twoCampaignMind();
    out = proposeBudgets(budgetReview(mind, twoCampaigns()));
  });

  it('cuts the campaign whose marginal return is below the plan’s price and raises the one above it, one step each', () => {
    expect(out.plan?.limitedBy).toBe('ROAS ≥ 1.5');
    expect(budgetOf(byCampaign(out, 'a'))).toBe(800);
    expect(budgetOf(byCampaign(out, 'b'))).toBe(1200);
    expect(byCampaign(out, 'a')?.reasoning).toMatch(/^Cut daily budget 1,000 → 800 \(-20%\): .* below the 0\.86 at which the plan balances/);
    expect(byCampaign(out, 'b')?.reasoning).toMatch(/^Raise daily budget 1,000 → 1,200 \(\+20%\): .* above the 0\.86 at which the plan balances/);
    expect(byCampaign(out, 'b')?.metrics).toMatchObject({ budget: 1000, planPrice: out.plan?.price, limitedBy: 'ROAS ≥ 1.5', raiseBias: 1 });
    expect(byCampaign(out, 'a')?.metrics).not.toHaveProperty('raiseBias');
  });

  it('keeps on a raise what it was stepped from, as data only', () => {
    const raise = byCampaign(out, 'b')!;
    expect(() => structuredClone(out.proposals)).not.toThrow();
    expect(raise.raise).toMatchObject({
      agentName: 'Agent',
      limitedBy: 'ROAS ≥ 1.5',
      basis: { campaign: { id: 'b', dailyBudget: 1000 }, limits: { down: 800, up: 1200 }, cap: Number.POSITIVE_INFINITY },
    });
    expect(byCampaign(out, 'a')?.raise).toBeUndefined();
  });

  it('makes a raise again at the room a spend limit leaves, from that data and the agent’s models', () => {
    const raise = byCampaign(out, 'b')!;
    const smaller = resizeRaise(mind, raise.raise!, 1150.555, 0)!;
    expect(budgetOf(smaller)).toBe(1150.55);
    expect(smaller.reasoning).toMatch(/^Raise daily budget 1,000 → 1,151 \(\+15%\), as far as the spend limits leave room: /);
    expect(smaller.prediction.point).toBeLessThan(raise.prediction.point);
    expect(smaller.raise?.basis.cap).toBe(1150.555);
    // A room that grew again since does not undo the smaller cap.
    expect(budgetOf(resizeRaise(mind, smaller.raise!, 1190, 0))).toBe(1150.55);
    expect(resizeRaise(mind, raise.raise!, 1000, 0)).toBeUndefined();
  });

  it('makes a raise again at any size when it is all that stands between the budgets and the spend goal', () => {
    const raise = byCampaign(out, 'b')!;
    expect(resizeRaise(mind, raise.raise!, 1050, 0)).toBeUndefined();
    const fill = resizeRaise(mind, raise.raise!, 1050, 20)!;
    expect(budgetOf(fill)).toBe(1050);
    expect(fill.prediction.metric).toBe('spend');
    expect(fill.reasoning).toContain("toward the spend goal the agent's budgets fall 20/day short of, as far as the spend limits leave room");
  });

  it('claims to keep a held campaign its plan wants no lower', () => {
    const held = proposeBudgets(budgetReview(mind, twoCampaigns(), { awaitingPerson: new Set(['b']) }));
    expect(held.keeps.map((k) => k.reasoning)).toEqual(['keeps Campaign b at 1,000/day for now: its plan (bounded by ROAS ≥ 1.5) wants it at 1,000/day']);
    expect(held.proposals.map((p) => p.campaign.id)).toEqual(['a']);
  });
});

describe('budget proposals under a spend goal', () => {
  it('shrinks a cut the same review’s raises cannot make up for, so the budgets stay at the goal', async () => {
    const campaigns = [campaign('a', { dailyBudget: 1500 }), campaign('b')];
    const rows = [
      ...reportedDays('a', { maxConversions: 60, halfSaturationSpend: 300 }, 1500),
      ...reportedDays('b', { maxConversions: 200, halfSaturationSpend: 5000 }, 1000),
    ];
    const withGoal = await mindAfter(agent({ goals: [{ metric: 'spend', op: '>=', value: 2500 }] }), campaigns, rows);
    const without = await mindAfter(agent(), campaigns, rows);
    const free = proposeBudgets(budgetReview(without, campaigns, { maxTotal: 2500 }));
    expect(free.proposals.map(budgetOf)).toEqual([1200, 1200]);
    const held = proposeBudgets(budgetReview(withGoal, campaigns, { maxTotal: 2500 }));
    expect(held.proposals.map(budgetOf)).toEqual([1300, 1200]);
    expect(held.proposals[0].reasoning).toMatch(/^Cut daily budget 1,500 → 1,300 \(-13%\)/);
  });
});

describe('pauses', () => {
  it('pauses one campaign a review, the one that returns least', async () => {
    const campaigns = [campaign('a'), campaign('b'), campaign('c')];
    const rows = [
      ...reportedDays('a', { maxConversions: 3, halfSaturationSpend: 300 }, 1000),
      ...reportedDays('b', { maxConversions: 4, halfSaturationSpend: 300 }, 1000),
      ...reportedDays('c', { maxConversions: 300, halfSaturationSpend: 5000 }, 1000),
    ];
    const mind = await mindAfter(agent({ goals: [{ metric: 'roas', op: '>=', value: 1.2 }], constraints: { minConversionsToAct: 5 } }), campaigns, rows);
    const both = proposeBudgets(budgetReview(mind, campaigns));
    const pauses = both.proposals.filter((p) => p.change.kind === 'status');
    expect(pauses.map((p) => p.campaign.id)).toEqual(['b']);
    expect(pauses[0].reasoning).toMatch(/^Pause: even at its minimum budget of 10 the campaign returns less than it costs the plan/);
    expect(pauses[0].prediction).toMatchObject({ point: 0, low80: 0, high80: 0 });
    // With b left alone this time, a is paused in its place.
    const one = proposeBudgets(budgetReview(mind, campaigns, { awaitingPerson: new Set(['b']) }));
    expect(one.proposals.filter((p) => p.change.kind === 'status').map((p) => p.campaign.id)).toEqual(['a']);
    expect((pauses[0].metrics.marginalReturn as number) < (one.proposals.find((p) => p.campaign.id === 'a')!.metrics.marginalReturn as number)).toBe(true);
  });
});
