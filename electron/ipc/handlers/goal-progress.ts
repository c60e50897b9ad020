import type { MetricTotals } from '@shared/domain/campaign';
import type { Goal } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import type { RecordAccess } from '../services';

type Metrics = RecordAccess['metrics'];

/** One local day of the account: `day` its midnight (epoch ms), `date` its label 'YYYY-MM-DD' in the account's zone. */
export type DayTotals = Pick<MetricTotals, 'spend' | 'conversions' | 'revenue'> & { day: number; date: string };

/** Daily totals over the campaigns, for the account's local days in [from, to) that have any reported hour, oldest first. */
export function dailyTotals(metrics: Metrics, campaignIds: readonly string[], from: number, to: number, zone: AccountZone): DayTotals[] {
  const days = new Map<number, DayTotals>();
  for (const campaignId of campaignIds) {
    for (const row of metrics.range({ campaignId, from, to })) {
      const { startMs: day, date } = zone.day(row.hour);
      const totals = days.get(day) ?? { day, date, spend: 0, conversions: 0, revenue: 0 };
      totals.spend += row.spend;
      totals.conversions += row.conversions;
      totals.revenue += row.revenue;
      days.set(day, totals);
    }
  }
  return [...days.values()].sort((a, b) => a.day - b.day);
}

export const roasOf = (t: { spend: number; revenue: number }): number | null => (t.spend > 0 ? t.revenue / t.spend : null);
export const cpaOf = (t: { spend: number; conversions: number }): number | null => (t.conversions > 0 ? t.spend / t.conversions : null);

/**
 * A goal judged as FORMAT.md says: on its trailing window of complete days (the account's local
 * days: "today" begins at its midnight), over the agent's campaigns together. While fewer days
 * than the window are complete, the days there are count.
 */
export function goalProgress(goal: Goal, metrics: Metrics, campaignIds: readonly string[], now: number, zone: AccountZone) {
  const today = zone.startOfDay(now);
  const days = dailyTotals(metrics, campaignIds, zone.addLocalDays(today, -goal.window), today, zone);
  if (days.length === 0) return { goal, actual: null, met: null, days: 0 };
  const sum = days.reduce((s, d) => ({ spend: s.spend + d.spend, conversions: s.conversions + d.conversions, revenue: s.revenue + d.revenue }), {
    spend: 0,
    conversions: 0,
    revenue: 0,
  });
  const per = goal.per === 'day' ? days.length : 1;
  const actual = goal.metric === 'roas' ? roasOf(sum) : goal.metric === 'cpa' ? cpaOf(sum) : sum[goal.metric] / per;
  const met = actual === null ? null : goal.op === '>=' ? actual >= goal.value : actual <= goal.value;
  return { goal, actual, met, days: days.length };
}
