import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import { proposeBids, type BidContext } from '@engine/agents/bid-proposals';
import type { Plan } from '@engine/agents/planner';
import type { AppliedChange } from '@engine/guardrails/types';
import { HOUR_MS } from '@shared/time';
import type { BidSetting, CampaignInfo } from '@shared/domain/campaign';
import { agent, campaign, mindAfter, NOW, reportedDays, reviewOf } from './review-fixture';

/** A max-CPC campaign budgeted at 1,000 a day that delivers 700 a day, its clicks costing 3. */
const capped = (bid: BidSetting = { strategy: 'max_cpc', amount: 2 }, over: Partial<CampaignInfo> = {}) => campaign('a', { bid, ...over });
const rows = reportedDays('a', { maxConversions: 200, halfSaturationSpend: 5000 }, 700, { spread: 0, cpc: 3 });
const planned = (target: number): Plan => ({
  targets: new Map([['a', target]]),
  totals: { spend: target, conversions: 0, revenue: 0 },
  price: 1,
  limitedBy: 'the daily limit of 5000',
  atRisk: [],
});

describe('bid proposals', () => {
  let mind: AgentMind;
  beforeAll(async () => {
    mind = await mindAfter(agent(), [capped()], rows);
  });
  const bids = (c: CampaignInfo = capped(), over: Partial<BidContext> = {}) => proposeBids({ ...reviewOf(mind, [c]), plan: planned(1500), ...over });

  it('raises a max-CPC bid that keeps the budget from being spent, by at most maxBudgetChangePct', () => {
    const [raise] = bids();
    expect(raise.change).toEqual({ kind: 'bid', campaignId: 'a', bid: { strategy: 'max_cpc', amount: 2.4 } });
    expect(raise.before).toEqual({ kind: 'bid', bid: { strategy: 'max_cpc', amount: 2 } });
    expect(raise.reasoning).toMatch(
      /^Raise the max CPC bid 2 → 2\.4 \(\+20%\): over the last 3 days the campaign delivered 70% of its budgets \(2,100 of 3,000\) while clicks cost up to 3, above its bid/,
    );
    expect(raise.reasoning).toContain('(700 → 840/day)');
    expect(raise.metrics).toMatchObject({ bid: 2, deliveredShare: 0.7, dearestClick: 3, deliveredNow: 700, deliveredAfter: 840 });
    expect(raise.prediction.point).toBeGreaterThan(raise.prediction.baseline!);
  });

  it('raises it no further than 10% over the dearest recent click', () => {
    const [raise] = bids(capped({ strategy: 'max_cpc', amount: 2.9 }));
    expect(raise.after).toEqual({ kind: 'bid', bid: { strategy: 'max_cpc', amount: 3.3 } });
  });

  it('leaves a bid alone when it is not what keeps the budget from being spent', () => {
    expect(bids(capped({ strategy: 'lowest_cost' }))).toEqual([]);
    expect(bids(capped({ strategy: 'max_cpc', amount: 3.5 }))).toEqual([]);
    expect(bids(capped(undefined, { dailyBudget: 760 }))).toEqual([]);
  });

  it('leaves a bid alone when the plan does not want the budget spent there', () => {
    expect(bids(capped(), { plan: planned(850) })).toEqual([]);
    expect(bids(capped(), { plan: undefined })).toEqual([]);
  });

  it('waits after a bid change, for a person, and for an agent allowed to change bids', () => {
    const changed: AppliedChange = {
      campaignId: 'a',
      setting: 'bid',
      at: NOW - 30 * HOUR_MS,
      before: { kind: 'bid', bid: { strategy: 'max_cpc', amount: 1.8 } },
      after: { kind: 'bid', bid: { strategy: 'max_cpc', amount: 2 } },
    };
    expect(bids(capped(), { history: [changed] })).toEqual([]);
    expect(bids(capped(), { awaitingPerson: new Set(['a']) })).toEqual([]);
    expect(bids(capped(), { agent: agent({ constraints: { actions: ['budget'] } }) })).toEqual([]);
    expect(bids(capped(), { agent: agent({ constraints: { minConversionsToAct: 1e6 } }) })).toEqual([]);
  });
});
