import type { CampaignInfo } from '@shared/domain/campaign';
import { changeValueText, type ChangeValue } from '@shared/domain/decision';

/** The campaign's current value of the setting a change touches, in the change's own shape. */
export function currentValue(campaign: CampaignInfo, like: ChangeValue): ChangeValue | undefined {
  switch (like.kind) {
    case 'budget':
      return { kind: 'budget', dailyBudget: campaign.dailyBudget };
    case 'bid':
      return { kind: 'bid', bid: campaign.bid };
    case 'status':
      return { kind: 'status', status: campaign.status };
    case 'targeting': {
      const audience = campaign.audiences.find((a) => a.id === like.audienceId);
      return audience && { kind: 'targeting', audienceId: audience.id, enabled: audience.enabled };
    }
    case 'creative': {
      const creative = campaign.creatives.find((c) => c.id === like.creativeId);
      return creative && { kind: 'creative', creativeId: creative.id, enabled: creative.enabled };
    }
  }
}

/** Budgets and bids compare to the cent: platforms round what they store. */
export function sameValue(a: ChangeValue | undefined, b: ChangeValue): boolean {
  if (!a || a.kind !== b.kind) return false;
  switch (b.kind) {
    case 'budget':
      return Math.abs((a as typeof b).dailyBudget - b.dailyBudget) < 0.005;
    case 'bid': {
      const x = (a as typeof b).bid;
      return x.strategy === b.bid.strategy && (x.strategy !== 'max_cpc' || b.bid.strategy !== 'max_cpc' || Math.abs(x.amount - b.bid.amount) < 0.005);
    }
    case 'status':
      return (a as typeof b).status === b.status;
    case 'targeting':
    case 'creative':
      return (a as typeof b).enabled === b.enabled;
  }
}

export function describeValue(value: ChangeValue | undefined): string {
  return value ? changeValueText(value, (amount) => amount.toFixed(2)) : 'missing';
}
