import { afterEach, describe, expect, it } from 'vitest';
import { fakeId } from '@platforms/meta/fake/index';
import { harness, type Harness } from './meta-fixture';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PROSPECTING = fakeId('campaign', 0);
const budget = (dailyBudget: number) => ({ kind: 'budget' as const, campaignId: PROSPECTING, dailyBudget });

describe('Meta adapter against the fake: the learning stage', () => {
  it('restarts learning on a budget change of more than 20%, not on a smaller one, and shows it on the audiences', async () => {
    h = await harness();
    const prospecting = async () => (await h!.adapter.describeCampaigns()).find((v) => v.info.id === PROSPECTING)!;
    const start = h.fake.account.world.startMs;

    await h.adapter.applyChange(budget(110), 'k1');
    expect((await prospecting()).adSets.map((a) => a.learning?.lastSignificantEditAt)).toEqual([start, start]);

    const editedAt = Math.floor(h.clock.now() / 1000) * 1000;
    await h.adapter.applyChange(budget(150), 'k2');
    const view = await prospecting();
    expect(view.adSets.map((a) => [a.learning?.status, a.learning?.lastSignificantEditAt])).toEqual([
      ['LEARNING', editedAt],
      ['LEARNING', editedAt],
    ]);
    expect(view.info.audiences.map((a) => [a.name, a.learning])).toEqual([
      ['Broad', 'learning'],
      ['Lookalike 1%', 'learning'],
    ]);
  });
});
