import { describe, expect, it } from 'vitest';
import { groupDays } from '@engine/experiments/group-days';

const row = (campaignId: string, date: string, spend: number, revenue = 2 * spend, conversions = 1) => ({ campaignId, date, spend, revenue, conversions });

describe('groupDays', () => {
  it('sums each group per date, in date order, marking the days before the start as pre-period', () => {
    const days = groupDays(
      { treatment: ['a', 'b'], holdout: ['c'] },
      [row('c', '2026-03-02', 5), row('a', '2026-03-01', 10), row('b', '2026-03-01', 20), row('a', '2026-03-02', 1)],
      '2026-03-02',
    );
    expect(days).toEqual([
      { date: '2026-03-01', period: 'pre', treatment: { spend: 30, revenue: 60, conversions: 2 }, holdout: { spend: 0, revenue: 0, conversions: 0 } },
      { date: '2026-03-02', period: 'test', treatment: { spend: 1, revenue: 2, conversions: 1 }, holdout: { spend: 5, revenue: 10, conversions: 1 } },
    ]);
  });

  it('keeps a date on which neither group had a row, at zero, and ignores campaigns in neither group', () => {
    const days = groupDays({ treatment: ['a'], holdout: ['b'] }, [row('x', '2026-01-05', 99), row('a', '2026-01-06', 1)], '2026-01-01');
    expect(days.map((d) => [d.date, d.period, d.treatment.spend, d.holdout.spend])).toEqual([
      ['2026-01-05', 'test', 0, 0],
      ['2026-01-06', 'test', 1, 0],
    ]);
  });
});
