import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import { heldReason, NO_FORECAST } from '@engine/agents/budget/eligibility';
import { proposeBudgets } from '@engine/agents/budget-proposals';
import { evidenceOf } from '@engine/agents/proposal';
import type { AppliedChange } from '@engine/guardrails/types';
import { HOUR_MS } from '@shared/time';
import type { Policy } from '@shared/scenario/schema';
import { campaign, NOW } from '../review-fixture';
import { budgetReview, roasAgent, twoCampaignMind, twoCampaigns } from './budget-fixture';

const change = (setting: string, hoursAgo: number): AppliedChange => ({
  campaignId: 'a',
  setting,
  at: NOW - hoursAgo * HOUR_MS,
  before: { kind: 'budget', dailyBudget: 900 },
  after: { kind: 'budget', dailyBudget: 1000 },
});
const protect: Policy = { id: 'p1', rule: 'protectedLabel', label: 'brand' };

describe('budget eligibility', () => {
  let mind: AgentMind;
  beforeAll(async () => {
    mind = await twoCampaignMind();
  });
  const [a] = twoCampaigns();
  const why = (over: Parameters<typeof budgetReview>[2] = {}, c = a) => heldReason(budgetReview(mind, twoCampaigns(), over), c);

  it('lets a campaign move when no check holds', () => {
    expect(why()).toBeUndefined();
  });

  it('holds a campaign when budget changes are not among the agent’s actions', () => {
    expect(why({ agent: roasAgent({ constraints: { actions: ['bid', 'status'] } }) })).toBe('budget changes are not among its actions');
  });

  it('leaves a protected campaign to a person', () => {
    expect(why({ policies: [protect] }, campaign('a', { labels: ['brand'] }))).toBe('a policy protects it: its budget is a person’s call');
    expect(why({ policies: [protect] }, campaign('a', { labels: ['generic'] }))).toBeUndefined();
  });

  it('leaves a budget shared with other campaigns to a person, since no forecast tells how they split it', () => {
    const shared = { id: 'b1', name: 'Shared - Search', campaignIds: ['a', 'b'] };
    expect(why({}, campaign('a', { sharedBudget: shared }))).toBe(
      "its budget 'Shared - Search' is shared by 2 campaigns, whose split of it no forecast can tell: moving it is a person's call",
    );
  });

  it('holds a budget or status changed within the cooldown, and only within it', () => {
    expect(why({ history: [change('budget', 23)] })).toBe('its budget changed within the cooldown');
    expect(why({ history: [change('status', 2)] })).toBe('its budget changed within the cooldown');
    expect(why({ history: [change('budget', 25)] })).toBeUndefined();
    expect(why({ history: [{ ...change('budget', 2), campaignId: 'b' }] })).toBeUndefined();
  });

  it('holds a campaign for 48 hours after its creatives or audiences changed', () => {
    const reason = 'its creatives or audiences changed within 48 h: its forecast still knows the old mix';
    expect(why({ history: [change('creative:c1', 47)] })).toBe(reason);
    expect(why({ history: [change('targeting:a1', 30)] })).toBe(reason);
    expect(why({ history: [change('creative:c1', 49)] })).toBeUndefined();
  });

  it('does not move a campaign a person was asked about lately', () => {
    expect(why({ awaitingPerson: new Set(['a']) })).toBe('a person was asked about it lately');
  });

  it('holds a campaign with too little evidence, saying how much it has and needs', () => {
    const evidence = evidenceOf({ observer: mind.observer, now: NOW }, 'a');
    expect(evidence).toBeGreaterThan(0);
    expect(why({ agent: roasAgent({ constraints: { minConversionsToAct: evidence + 1 } }) })).toBe(
      `only ${evidence} conversions in 7 days; ${evidence + 1} needed`,
    );
    expect(why({ agent: roasAgent({ constraints: { minConversionsToAct: evidence } }) })).toBeUndefined();
  });

  it('gives the first reason that holds, in the table’s order', () => {
    const everything = {
      agent: roasAgent({ constraints: { actions: ['bid'] } }),
      policies: [protect],
      history: [change('budget', 1)],
      awaitingPerson: new Set(['a']),
    };
    const brand = campaign('a', { labels: ['brand'] });
    expect(why(everything, brand)).toBe('budget changes are not among its actions');
    expect(why({ ...everything, agent: roasAgent() }, brand)).toBe('a policy protects it: its budget is a person’s call');
    expect(why({ ...everything, agent: roasAgent(), policies: [] }, brand)).toBe('its budget changed within the cooldown');
    expect(why({ awaitingPerson: new Set(['a']), agent: roasAgent({ constraints: { minConversionsToAct: 1e6 } }) })).toBe('a person was asked about it lately');
  });

  it('lists held campaigns with their reason, and one without a forecast as such', () => {
    const campaigns = [...twoCampaigns(), campaign('new')];
    const out = proposeBudgets(budgetReview(mind, campaigns, { awaitingPerson: new Set(['a']) }));
    expect(out.held).toEqual([
      { campaignId: 'a', why: 'a person was asked about it lately' },
      { campaignId: 'new', why: NO_FORECAST },
    ]);
    expect(out.proposals.map((p) => p.campaign.id)).toEqual(['b']);
    expect(out.plan?.targets.get('a')).toBe(1000);
    expect(out.plan?.targets.has('new')).toBe(false);
  });
});
