import { describe, expect, it } from 'vitest';
import { proposeCreatives } from '@engine/agents/creative-proposals';
import type { ReviewContext } from '@engine/agents/proposal';
import { HOUR_MS } from '@shared/time';
import type { CampaignInfo, CreativeInfo } from '@shared/domain/campaign';
import { START } from '../forecast/synthetic';
import { agent, campaign, mindAfter, NOW, reviewOf, segmentedDays, type Segment } from './review-fixture';

const creative = (id: string, enabled = true, liveSince: number | null = START): CreativeInfo => ({ id, name: `Creative ${id}`, enabled, liveSince });
const tester = (over: Record<string, unknown> = {}) => agent({ role: 'creative', objective: 'conversions', constraints: { actions: ['creative'] }, ...over });

async function review(creatives: CreativeInfo[], segments: Segment[], over: Partial<ReviewContext> = {}): Promise<{ c: CampaignInfo; ctx: ReviewContext }> {
  const c = campaign('a', { dailyBudget: segments.reduce((s, x) => s + x.spend, 0), creatives });
  const definition = (over.agent as ReturnType<typeof tester> | undefined) ?? tester();
  const mind = await mindAfter(definition, [c], segmentedDays('a', 'creative', segments));
  return { c, ctx: reviewOf(mind, [c], over) };
}

/** A creative that converted 5 per 100 when new and loses 7% of that a day it runs. */
const tiring: Segment = { id: 'c1', spend: 1000, rate: (i) => 0.05 * 0.93 ** i };

describe('creative proposals', () => {
  it('retires a running creative that is most likely below the best running one', async () => {
    const { ctx } = await review(
      [creative('c1'), creative('c2')],
      [
        { id: 'c1', spend: 500, rate: () => 0.01 },
        { id: 'c2', spend: 500, rate: () => 0.04 },
      ],
    );
    const [retire] = proposeCreatives(ctx);
    expect(retire.change).toEqual({ kind: 'creative', campaignId: 'a', creativeId: 'c1', enabled: false });
    expect(retire.reasoning).toMatch(
      /^Retire 'Creative c1': 'Creative c1' is expected to convert 12\.09 per 1,000 spent over the next 3 days against 'Creative c2' is expected to convert 43\.51 per 1,000 spent over the next 3 days; its share of spend goes to the others\. Forecast conversions over the next 3 days: /,
    );
    expect(retire.prediction.metric).toBe('conversions');
    expect(retire.prediction.point).toBeGreaterThan(retire.prediction.baseline!);
  });

  it('brings in an untried creative when the only one running has tired, expecting what new ones did here', async () => {
    const { ctx } = await review([creative('c1'), creative('c2', false, null)], [tiring]);
    const [trial] = proposeCreatives(ctx);
    expect(trial.change).toEqual({ kind: 'creative', campaignId: 'a', creativeId: 'c2', enabled: true });
    expect(trial.reasoning).toMatch(
      /^Bring in 'Creative c2': 'Creative c1' is expected to convert 8\.05 per 1,000 spent over the next 3 days, losing 5% a day as it tires; 'Creative c2' has not run yet and is expected to do what this campaign's creatives did when new, 42\.32 per 1,000 spent, with 30% doubt\. /,
    );
    expect(trial.prediction.point).toBeGreaterThan(trial.prediction.baseline!);
  });

  it('never retires the only creative running, and leaves a tiring one be with nothing better to bring in', async () => {
    const { ctx } = await review([creative('c1')], [tiring]);
    expect(proposeCreatives(ctx)).toEqual([]);
  });

  it('leaves a creative alone within its cooldown, and an agent that may not change creatives', async () => {
    const changed = {
      campaignId: 'a',
      setting: 'creative:c2',
      at: NOW - 2 * HOUR_MS,
      before: { kind: 'creative' as const, creativeId: 'c2', enabled: true },
      after: { kind: 'creative' as const, creativeId: 'c2', enabled: false },
    };
    expect(proposeCreatives((await review([creative('c1'), creative('c2', false, null)], [tiring], { history: [changed] })).ctx)).toEqual([]);
    expect(
      proposeCreatives(
        (await review([creative('c1'), creative('c2', false, null)], [tiring], { agent: tester({ constraints: { actions: ['budget'] } }) })).ctx,
      ),
    ).toEqual([]);
  });
});
