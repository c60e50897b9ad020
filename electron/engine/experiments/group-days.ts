import type { Assignment, CampaignDay, GroupDay, GroupTotals } from '@shared/domain/experiment';

/**
 * Each local day's totals of the treatment and the holdout, in date order. Every date of the
 * rows appears, a group without a row that day at zero: a day nobody spent is still a day.
 * Campaigns in neither group are left out.
 */
export function groupDays(assignment: Pick<Assignment, 'treatment' | 'holdout'>, rows: readonly CampaignDay[], startDate: string): GroupDay[] {
  const groupOf = new Map<string, 'treatment' | 'holdout'>();
  for (const id of assignment.treatment) groupOf.set(id, 'treatment');
  for (const id of assignment.holdout) groupOf.set(id, 'holdout');
  const days = new Map<string, GroupDay>();
  for (const row of rows) {
    let day = days.get(row.date);
    if (!day) {
      // ISO dates compare as strings.
      day = { date: row.date, period: row.date < startDate ? 'pre' : 'test', treatment: zero(), holdout: zero() };
      days.set(row.date, day);
    }
    const group = groupOf.get(row.campaignId);
    if (group === undefined) continue;
    const totals = day[group];
    totals.spend += row.spend;
    totals.revenue += row.revenue;
    totals.conversions += row.conversions;
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const zero = (): GroupTotals => ({ spend: 0, revenue: 0, conversions: 0 });
