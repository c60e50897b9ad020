import type { BidSetting } from '@shared/domain/campaign';

/**
 * The closed-form pieces of FORMAT.md that the world and the oracle share. Conversions of a
 * day follow the Hill curve (electron/engine/optimize/hill.ts); these are the rest.
 */

/** Impressions per click: clicks are spend / CPC, impressions are clicks / 0.012. */
export const CLICK_THROUGH_RATE = 0.012;

/** Share of the budget a bid delivers at today's market CPC: all of it at lowest cost, min(1, (b / cpc)²) at max CPC. */
export function deliveryShare(bid: BidSetting, cpcToday: number): number {
  if (bid.strategy === 'lowest_cost') return 1;
  const ratio = bid.amount / cpcToday;
  return ratio >= 1 ? 1 : ratio * ratio;
}

/** quality · 0.5^(daysLive / halfLife); no half-life means the creative never tires. */
export function creativeFactor(quality: number, daysLive: number, fatigueHalfLifeDays: number | undefined): number {
  if (fatigueHalfLifeDays === undefined) return quality;
  return quality * Math.pow(0.5, daysLive / fatigueHalfLifeDays);
}
