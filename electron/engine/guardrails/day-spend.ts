import type { CampaignInfo } from '@shared/domain/campaign';

/** How far past its daily budget a campaign may spend in one day, as a multiple of the budget (1 or more). */
export interface SpendCeilings {
  of(campaignId: string): number;
}

/**
 * What the active campaigns may spend in one day at most: each budget times its campaign's
 * ceiling, a shared budget once at the highest ceiling of its campaigns. This, not the sum of
 * budgets, is what a cap on a day's spend is held against where a platform overdelivers.
 */
export function daySpendCeiling(campaigns: readonly CampaignInfo[], ceilings: SpendCeilings): number {
  const shared = new Map<string, { budget: number; ceiling: number }>();
  let sum = 0;
  for (const c of campaigns) {
    if (c.status !== 'active') continue;
    const ceiling = ceilings.of(c.id);
    if (!c.sharedBudget) {
      sum += c.dailyBudget * ceiling;
      continue;
    }
    const seen = shared.get(c.sharedBudget.id);
    if (!seen) shared.set(c.sharedBudget.id, { budget: c.dailyBudget, ceiling });
    else seen.ceiling = Math.max(seen.ceiling, ceiling);
  }
  for (const { budget, ceiling } of shared.values()) sum += budget * ceiling;
  return sum;
}
