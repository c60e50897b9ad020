import type { Check } from './types';

/**
 * Digit slips: a budget or bid that moves by an order of magnitude in one action is refused
 * even when the agent has no limit that would catch it (1200 typed as 12000, or as 120).
 */
export const MAX_SINGLE_STEP_RATIO = 10;

function magnitude(from: number, to: number): number {
  if (from <= 0 || to <= 0) return Infinity;
  return Math.max(to / from, from / to);
}

const finiteValues: Check = ({ change }) => {
  const value = change.kind === 'budget' ? change.dailyBudget : change.kind === 'bid' && change.bid.strategy === 'max_cpc' ? change.bid.amount : undefined;
  return value !== undefined && !(Number.isFinite(value) && value > 0)
    ? { rule: 'sanity.value', message: `${change.kind} value ${value} is not a positive number` }
    : undefined;
};

const budgetMagnitude: Check = ({ change, campaign }) => {
  if (change.kind !== 'budget') return undefined;
  return magnitude(campaign.dailyBudget, change.dailyBudget) >= MAX_SINGLE_STEP_RATIO
    ? {
        rule: 'sanity.budgetMagnitude',
        message: `budget ${campaign.dailyBudget} → ${change.dailyBudget} is a jump by an order of magnitude; refused as a likely slip`,
      }
    : undefined;
};

const bidMagnitude: Check = ({ change, campaign }) => {
  if (change.kind !== 'bid' || change.bid.strategy !== 'max_cpc' || campaign.bid.strategy !== 'max_cpc') return undefined;
  return magnitude(campaign.bid.amount, change.bid.amount) >= MAX_SINGLE_STEP_RATIO
    ? { rule: 'sanity.bidMagnitude', message: `bid ${campaign.bid.amount} → ${change.bid.amount} is a jump by an order of magnitude; refused as a likely slip` }
    : undefined;
};

const knownTarget: Check = ({ change, campaign }) => {
  if (change.kind === 'targeting' && !campaign.audiences.some((a) => a.id === change.audienceId)) {
    return { rule: 'sanity.unknownAudience', message: `audience '${change.audienceId}' is not in campaign ${campaign.id}` };
  }
  if (change.kind === 'creative' && !campaign.creatives.some((c) => c.id === change.creativeId)) {
    return { rule: 'sanity.unknownCreative', message: `creative '${change.creativeId}' is not in campaign ${campaign.id}` };
  }
  return undefined;
};

export const sanityChecks: readonly Check[] = [finiteValues, budgetMagnitude, bidMagnitude, knownTarget];
