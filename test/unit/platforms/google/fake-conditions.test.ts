import { describe, expect, it } from 'vitest';
import { compare, meets } from '@platforms/google/fake/fake-conditions';
import { duringRange } from '@platforms/google/fake/fake-date-ranges';
import { FakeGoogleAdsError } from '@platforms/google/fake/fake-errors';
import { parseGaql } from '@platforms/google/fake/fake-gaql-parser';

const where = (condition: string) => parseGaql(`SELECT campaign.id FROM campaign WHERE ${condition}`).where[0];
const TODAY = '2026-03-20';

describe('WHERE conditions of the fake', () => {
  it('compares int64 strings as numbers, dates and enums as text, booleans by TRUE and FALSE', () => {
    expect(meets('2000000010', where('campaign.id > 2000000009'), TODAY)).toBe(true);
    expect(meets('900', where('campaign.id < 1000'), TODAY)).toBe(true);
    expect(meets('2026-03-05', where("segments.date BETWEEN '2026-03-01' AND '2026-03-05'"), TODAY)).toBe(true);
    expect(meets('2026-03-06', where("segments.date BETWEEN '2026-03-01' AND '2026-03-05'"), TODAY)).toBe(false);
    expect(meets('PAUSED', where("campaign.status IN ('ENABLED', PAUSED)"), TODAY)).toBe(true);
    expect(meets(true, where('campaign_budget.explicitly_shared = TRUE'), TODAY)).toBe(true);
    expect(meets('Prospecting', where("campaign.name LIKE 'Pro%'"), TODAY)).toBe(true);
    expect(meets('Prospecting', where("campaign.name NOT LIKE '%ing'"), TODAY)).toBe(false);
    expect(meets(undefined, where('campaign.id != 1'), TODAY)).toBe(false);
    expect(compare(3, { kind: 'number', value: 3 })).toBe(0);
  });

  it('reads DURING ranges as Google does: LAST_n_DAYS ends yesterday', () => {
    expect(duringRange('LAST_30_DAYS', TODAY)).toEqual(['2026-02-18', '2026-03-19']);
    expect(duringRange('LAST_7_DAYS', TODAY)).toEqual(['2026-03-13', '2026-03-19']);
    expect(duringRange('TODAY', TODAY)).toEqual([TODAY, TODAY]);
    expect(duringRange('YESTERDAY', '2026-03-01')).toEqual(['2026-02-28', '2026-02-28']);
    expect(duringRange('THIS_MONTH', TODAY)).toEqual(['2026-03-01', TODAY]);
    expect(duringRange('LAST_MONTH', TODAY)).toEqual(['2026-02-01', '2026-02-28']);
    expect(meets(TODAY, where('segments.date DURING LAST_7_DAYS'), TODAY)).toBe(false);
    const refusal = (() => {
      try {
        return duringRange('ALL_TIME', TODAY);
      } catch (error) {
        return error as FakeGoogleAdsError;
      }
    })();
    expect(refusal).toBeInstanceOf(FakeGoogleAdsError);
    expect((refusal as FakeGoogleAdsError).errors[0].errorCode).toEqual({ queryError: 'INVALID_VALUE_WITH_DURING_OPERATOR' });
  });
});
