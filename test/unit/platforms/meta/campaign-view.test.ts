import { describe, expect, it } from 'vitest';
import { campaignView, LABELS } from '@platforms/meta/campaign-view';
import type { MetaAccount } from '@platforms/meta/meta-account';
import type { AdSetRow, CampaignRow } from '@platforms/meta/meta-objects';
import { AccountZone } from '@shared/zone';

const account: MetaAccount = {
  id: 'act_1',
  accountId: '1',
  name: 'Acme',
  currency: 'USD',
  zone: AccountZone.UTC,
  status: 1,
  statusText: 'active',
  minimums: { impressions: 1, highFrequency: 5, lowFrequency: 40, videoViews: 2 },
};

const campaign: CampaignRow = { id: 'c1', name: 'Prospecting', status: 'ACTIVE', daily_budget: '10000' };

const adSet = (id: string, learning?: string, status: AdSetRow['status'] = 'ACTIVE'): AdSetRow => ({
  id,
  name: `Ad set ${id}`,
  campaign_id: 'c1',
  status,
  ...(learning ? { learning_stage_info: { status: learning, conversions: 12, last_sig_edit_ts: 1_770_000_000 } } : {}),
});

const audiencesOf = (rows: AdSetRow[]) => campaignView(account, campaign, rows, [], new Set()).info.audiences;

describe("Meta campaign view: each ad set's learning stage in the engine's words", () => {
  it('shows LEARNING as learning, FAIL as learning limited, and nothing once learning succeeded or was never reported', () => {
    const audiences = audiencesOf([adSet('a', 'LEARNING'), adSet('b', 'FAIL'), adSet('c', 'SUCCESS'), adSet('d')]);
    expect(audiences.map((a) => [a.id, a.learning])).toEqual([
      ['a', 'learning'],
      ['b', 'limited'],
      ['c', undefined],
      ['d', undefined],
    ]);
    // An audience done learning has the same shape as on a platform without the notion.
    expect(audiences[2]).toEqual({ id: 'c', name: 'Ad set c', weight: 1, enabled: true });
  });

  it('keeps the stage of a paused ad set, which does not count toward the campaign learning', () => {
    const view = campaignView(account, campaign, [adSet('a', 'LEARNING', 'PAUSED'), adSet('b', 'SUCCESS')], [], new Set());
    expect(view.info.audiences.map((a) => [a.enabled, a.learning])).toEqual([
      [false, 'learning'],
      [true, undefined],
    ]);
    expect(view.info.labels).not.toContain(LABELS.learning);
  });
});
