import { describe, expect, it } from 'vitest';
import { fakeId, parseFakeId } from '@platforms/meta/fake/fake-ids';
import { Params, parseFields } from '@platforms/meta/fake/fake-params';

describe('the fake reads requests as the Graph API does', () => {
  it('reads nested field lists', () => {
    expect(parseFields('id,name,creative{id,name},status')).toEqual([
      { name: 'id' },
      { name: 'name' },
      { name: 'creative', sub: [{ name: 'id' }, { name: 'name' }] },
      { name: 'status' },
    ]);
  });

  it('reads lists and objects as JSON text (query and form) or as themselves (JSON bodies)', () => {
    const query = new Params({
      breakdowns: '["hourly_stats_aggregated_by_advertiser_time_zone"]',
      time_range: '{"since":"2026-01-01","until":"2026-01-02"}',
      limit: '25',
    });
    expect(query.list('breakdowns')).toEqual(['hourly_stats_aggregated_by_advertiser_time_zone']);
    expect(query.object('time_range')).toEqual({ since: '2026-01-01', until: '2026-01-02' });
    expect(query.integer('limit')).toBe(25);
    const json = new Params({ execution_options: ['validate_only'], daily_budget: 5500 });
    expect(json.list('execution_options')).toEqual(['validate_only']);
    expect(json.integer('daily_budget')).toBe(5500);
    expect(() => new Params({ time_range: '{oops' }).object('time_range')).toThrow(/valid JSON/);
  });

  it('gives ids of 18 digits that say what they name', () => {
    const id = fakeId('ad', 2, 3, 4);
    expect(id).toMatch(/^\d{18}$/);
    expect(parseFakeId(id)).toEqual({ kind: 'ad', campaign: 2, audience: 3, creative: 4 });
    expect(parseFakeId(fakeId('campaign', 0))).toEqual({ kind: 'campaign', campaign: 0, audience: -1, creative: -1 });
    expect(parseFakeId('123')).toBeUndefined();
  });
});
