import type { CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { HOUR_MS } from '@shared/time';
import type { HourContext } from './strategy';

/**
 * The budget move shared by the manual and rules baselines: per active campaign, trailing ROAS
 * (as reported, attribution delay and all) below `cutBelow` cuts the budget 20%, above
 * `raiseAbove` raises it 20%, never under the platform minimum; if the new budgets together
 * exceed the account cap they are scaled down proportionally.
 */
export interface BudgetReview {
  windowHours: number;
  cutBelow: number;
  raiseAbove: number;
  accountCap: number;
  /** Prefix of the idempotency keys, e.g. "manual". */
  keyPrefix: string;
}

const BUDGET_STEP = 0.2;

function sumByCampaign(rows: HourlyMetrics[]): Map<string, { spend: number; revenue: number }> {
  const sums = new Map<string, { spend: number; revenue: number }>();
  for (const row of rows) {
    const entry = sums.get(row.campaignId) ?? { spend: 0, revenue: 0 };
    entry.spend += row.spend;
    entry.revenue += row.revenue;
    sums.set(row.campaignId, entry);
  }
  return sums;
}

export async function reviewBudgets(ctx: HourContext, review: BudgetReview, campaigns: CampaignInfo[], rows?: HourlyMetrics[]): Promise<void> {
  const active = campaigns.filter((c) => c.status === 'active');
  const window = rows ?? (await ctx.platform.getMetrics({ from: ctx.now - review.windowHours * HOUR_MS, to: ctx.now }));
  const sums = sumByCampaign(window);
  const next = new Map<string, number>();
  for (const c of active) {
    const s = sums.get(c.id);
    const roas = s && s.spend > 0 ? s.revenue / s.spend : undefined;
    let budget = c.dailyBudget;
    if (roas !== undefined && roas < review.cutBelow) budget = c.dailyBudget * (1 - BUDGET_STEP);
    else if (roas !== undefined && roas > review.raiseAbove) budget = c.dailyBudget * (1 + BUDGET_STEP);
    next.set(c.id, budget);
  }
  const total = [...next.values()].reduce((s, b) => s + b, 0);
  const scale = total > review.accountCap ? review.accountCap / total : 1;
  for (const c of active) {
    const budget = Math.max(c.minDailyBudget, (next.get(c.id) ?? c.dailyBudget) * scale);
    if (Math.abs(budget - c.dailyBudget) < 0.005) continue;
    await ctx.platform.applyChange({ kind: 'budget', campaignId: c.id, dailyBudget: budget }, `${review.keyPrefix}:${ctx.hour}:${c.id}:budget`);
  }
}
