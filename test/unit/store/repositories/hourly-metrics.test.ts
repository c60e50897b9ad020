import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import { toHourlyMetricRow, type HourlyMetricRow } from '@shared/domain/metrics';
import { memoryStore, T0 } from '../fixtures';

const HOUR = 3_600_000;
let store: Store;
beforeEach(() => (store = memoryStore()));
afterEach(() => store.close());

function row(hour: number, overrides: Partial<HourlyMetricRow> = {}): HourlyMetricRow {
  return {
    campaignId: 'c1',
    hour: T0 + hour * HOUR,
    audienceId: '',
    creativeId: '',
    spend: 10,
    impressions: 800,
    clicks: 10,
    conversions: 1,
    revenue: 40,
    reportedAt: T0 + (hour + 1) * HOUR,
    ...overrides,
  };
}

describe('hourly metrics', () => {
  it('replaces an hour reported again with late conversions', () => {
    store.metrics.upsertMany([row(0), row(1)]);
    const later = row(0, { conversions: 3, revenue: 125, reportedAt: T0 + 30 * HOUR });
    expect(store.metrics.upsertMany([later])).toBe(1);
    expect(store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + 2 * HOUR })).toEqual([later, row(1)]);
  });

  it('keeps the fresher figures when an older report arrives late', () => {
    const fresh = row(0, { conversions: 3, reportedAt: T0 + 30 * HOUR });
    store.metrics.upsertMany([fresh]);
    expect(store.metrics.upsertMany([row(0, { conversions: 1, reportedAt: T0 + 5 * HOUR })])).toBe(0);
    expect(store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + HOUR })).toEqual([fresh]);
  });

  it('reads [from, to) of one campaign, totals and breakdowns apart', () => {
    store.metrics.upsertMany([
      row(0),
      row(1),
      row(2),
      row(1, { campaignId: 'c2' }),
      row(1, { audienceId: 'aud-b', spend: 4 }),
      row(1, { audienceId: 'aud-a', spend: 6 }),
      row(1, { creativeId: 'cr-1' }),
    ]);
    const totals = store.metrics.range({ campaignId: 'c1', from: T0 + HOUR, to: T0 + 3 * HOUR });
    expect(totals.map((r) => r.hour)).toEqual([T0 + HOUR, T0 + 2 * HOUR]);
    const audiences = store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + 3 * HOUR, breakdown: 'audience' });
    expect(audiences.map((r) => [r.audienceId, r.spend])).toEqual([
      ['aud-a', 6],
      ['aud-b', 4],
    ]);
    expect(store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + 3 * HOUR, breakdown: 'creative' })).toHaveLength(1);
  });

  it('stores what an adapter reports, no breakdown as the empty id', () => {
    const reported = { campaignId: 'c1', hour: T0, spend: 5, impressions: 400, clicks: 5, conversions: 0, revenue: 0 };
    store.metrics.upsertMany([toHourlyMetricRow(reported, T0 + HOUR)]);
    expect(store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + HOUR })).toEqual([
      { ...reported, audienceId: '', creativeId: '', reportedAt: T0 + HOUR },
    ]);
  });

  it('writes all rows or none, naming the bad row', () => {
    expect(() => store.metrics.upsertMany([row(0), row(1, { spend: -3 })])).toThrow(
      `hourly metrics row 1 (campaign c1, hour ${T0 + HOUR}): CHECK constraint failed: hourly_metrics_not_negative`,
    );
    expect(() => store.metrics.upsertMany([row(0), row(2, { revenue: Number.NaN })])).toThrow(/hourly metrics row 1 .*revenue/);
    expect(store.metrics.range({ campaignId: 'c1', from: T0, to: T0 + 5 * HOUR })).toEqual([]);
  });
});
