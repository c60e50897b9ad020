import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import type { ReviewContext } from '@engine/agents/proposal';
import { proposeTargeting } from '@engine/agents/targeting-proposals';
import { HOUR_MS } from '@shared/time';
import type { AudienceInfo, CampaignInfo } from '@shared/domain/campaign';
import { agent, campaign, mindAfter, NOW, reviewOf, segmentedDays } from './review-fixture';

const audience = (id: string, enabled = true): AudienceInfo => ({ id, name: `Audience ${id}`, weight: 1, enabled });
const split = (audiences: AudienceInfo[]) => campaign('a', { dailyBudget: 1500, audiences });
/** Three audiences at 500 a day: two return ROAS 2 (4 conversions per 100 at 50 each), one 0.4. */
const rows = segmentedDays('a', 'audience', [
  { id: 'x', spend: 500, rate: () => 0.04 },
  { id: 'weak', spend: 500, rate: () => 0.008 },
  { id: 'y', spend: 500, rate: () => 0.04 },
]);
const efficiency = (over: Record<string, unknown> = {}) =>
  agent({ goals: [{ metric: 'roas', op: '>=', value: 1.5 }], constraints: { actions: ['budget', 'targeting'] }, ...over });

describe('targeting proposals', () => {
  let mind: AgentMind;
  beforeAll(async () => {
    mind = await mindAfter(efficiency(), [split([audience('x'), audience('weak'), audience('y')])], rows);
  });
  const moves = (c: CampaignInfo = split([audience('x'), audience('weak'), audience('y')]), over: Partial<ReviewContext> = {}) =>
    proposeTargeting(reviewOf(mind, [c], over));

  it('switches off the audience clearly below the rest of its campaign and below what the goal needs', () => {
    const [off] = moves();
    expect(off.change).toEqual({ kind: 'targeting', campaignId: 'a', audienceId: 'weak', enabled: false });
    expect(off.before).toEqual({ kind: 'targeting', audienceId: 'weak', enabled: true });
    expect(off.reasoning).toMatch(
      /^Switch off audience 'Audience weak': lately it returns 0\.42 in revenue per unit of spend, -80% against the campaign's other audiences \(2\.11\), below the 1\.50 the agent's goal needs; its 33% share of the budget goes to them\. Forecast revenue over the next 3 days: /,
    );
    expect(off.prediction.metric).toBe('revenue');
    expect(off.prediction.point).toBeGreaterThan(off.prediction.baseline!);
  });

  it('keeps a weak audience whose return still meets the goal', () => {
    expect(moves(undefined, { agent: efficiency({ goals: [{ metric: 'roas', op: '>=', value: 0.2 }] }) })).toEqual([]);
  });

  it('never switches off the last enabled audience', () => {
    expect(moves(split([audience('x', false), audience('weak'), audience('y', false)]))).toEqual([]);
  });

  it('leaves an audience alone within its cooldown, and an agent that may not change targeting', () => {
    const changed = {
      campaignId: 'a',
      setting: 'targeting:weak',
      at: NOW - 2 * HOUR_MS,
      before: { kind: 'targeting' as const, audienceId: 'weak', enabled: false },
      after: { kind: 'targeting' as const, audienceId: 'weak', enabled: true },
    };
    expect(moves(undefined, { history: [changed] })).toEqual([]);
    expect(moves(undefined, { agent: efficiency({ constraints: { actions: ['budget'] } }) })).toEqual([]);
    expect(moves(undefined, { awaitingPerson: new Set(['a']) })).toEqual([]);
  });
});
