import { describe, expect, it } from 'vitest';
import { dailyTotals, goalProgress } from '@ipc/handlers/goal-progress';
import { focusOf } from '@ipc/handlers/monitor';
import type { HourlyMetricRow } from '@shared/domain/metrics';
import { GoalSchema } from '@shared/scenario/schema';
import { HOUR_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';

const ny = AccountZone.of('America/New_York');

/** $1 of spend and $5 of revenue every hour from `from` to `to`, as the platform reports in the account's hours. */
function hourlyRows(from: number, to: number) {
  const rows: HourlyMetricRow[] = [];
  for (let hour = from; hour < to; hour += HOUR_MS) {
    rows.push({ campaignId: 'c', hour, audienceId: '', creativeId: '', spend: 1, impressions: 0, clicks: 0, conversions: 0, revenue: 5, reportedAt: to });
  }
  return { range: ({ from: f, to: t }: { from: number; to: number }) => rows.filter((r) => r.hour >= f && r.hour < t) };
}

describe("goal progress in the account's days", () => {
  it('adds hours up by local day, labelled with the local date: 23 hours on the spring Sunday, 24 on the others', () => {
    const metrics = hourlyRows(ny.dayOfDate('2026-03-06').startMs, ny.dayOfDate('2026-03-11').startMs);
    const days = dailyTotals(metrics, ['c'], ny.dayOfDate('2026-03-06').startMs, ny.dayOfDate('2026-03-11').startMs, ny);
    expect(days.map((d) => [d.date, d.spend, new Date(d.day).toISOString().slice(11, 16)])).toEqual([
      ['2026-03-06', 24, '05:00'],
      ['2026-03-07', 24, '05:00'],
      ['2026-03-08', 23, '05:00'],
      ['2026-03-09', 24, '04:00'],
      ['2026-03-10', 24, '04:00'],
    ]);
  });

  it("judges a goal on the complete local days before today: today begins at the account's midnight, not UTC's", () => {
    const metrics = hourlyRows(ny.dayOfDate('2026-03-01').startMs, ny.dayOfDate('2026-03-11').startMs + 3 * HOUR_MS);
    const goal = GoalSchema.parse({ metric: 'spend', op: '>=', value: 24, window: 1 });
    // 02:00 UTC on 10 March is still 9 March in New York: yesterday is the short Sunday.
    const lateEvening = goalProgress(goal, metrics, ['c'], Date.UTC(2026, 2, 10, 2), ny);
    expect(lateEvening).toMatchObject({ days: 1, actual: 23, met: false });
    const nextMorning = goalProgress(goal, metrics, ['c'], Date.UTC(2026, 2, 10, 6), ny);
    expect(nextMorning).toMatchObject({ days: 1, actual: 24, met: true });
  });

  it("names the account's zone where it says when the first review is", () => {
    expect(focusOf('active', 2, 0, undefined, new Map(), 'Asia/Kolkata')).toBe(
      'Learning 2 campaigns; its first review is at the next midnight (Asia/Kolkata).',
    );
  });
});
