import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import { proposeBudgets } from '@engine/agents/budget-proposals';
import type { AudienceInfo, CampaignInfo } from '@shared/domain/campaign';
import { campaign } from '../review-fixture';
import { budgetReview, roasAgent, twoCampaignMind } from './budget-fixture';

const audience = (name: string, learning?: AudienceInfo['learning'], enabled = true): AudienceInfo => ({
  id: name.toLowerCase(),
  name,
  weight: 1,
  enabled,
  ...(learning ? { learning } : {}),
});

/** `b` is the campaign the plan raises (budget-fixture), here with these audiences. */
const withAudiences = (audiences: AudienceInfo[]): CampaignInfo[] => [campaign('a'), campaign('b', { audiences })];
const holding = roasAgent({ constraints: { holdBudgetWhileLearning: true } });

describe('holding budget changes while an audience is learning', () => {
  let mind: AgentMind;
  beforeAll(async () => {
    mind = await twoCampaignMind();
  });
  const review = (audiences: AudienceInfo[], agent = holding) => proposeBudgets(budgetReview(mind, withAudiences(audiences), { agent }));

  it('holds the raise of a campaign whose audience is learning, naming the audience and why it waits', () => {
    const out = review([audience('Broad', 'learning'), audience('Lookalike')]);
    expect(out.proposals.map((p) => p.campaign.id)).toEqual(['a']);
    expect(out.learning).toHaveLength(1);
    const [hold] = out.learning;
    expect(hold.proposal.after).toEqual({ kind: 'budget', dailyBudget: 1200 });
    expect(hold.audiences).toEqual(['Broad']);
    expect(hold.why).toMatch(/^held while learning: audience “Broad” is still in the platform's learning phase, which a budget change would restart/);
    expect(out.held).toContainEqual({ campaignId: 'b', why: hold.why });
  });

  it('moves the budget as before when the option is off, learning is limited, or only a paused audience learns', () => {
    const free = review([audience('Broad')]).proposals.map((p) => p.after);
    expect(review([audience('Broad', 'learning')], roasAgent()).proposals.map((p) => p.after)).toEqual(free);
    expect(review([audience('Broad', 'limited')]).proposals.map((p) => p.after)).toEqual(free);
    expect(review([audience('Broad'), audience('Old', 'learning', false)]).proposals.map((p) => p.after)).toEqual(free);
    expect(review([audience('Broad', 'learning')], roasAgent()).learning).toEqual([]);
  });
});
