import { afterEach, describe, expect, it } from 'vitest';
import { formatDailyDigest, type Store } from '@store/index';
import { decision, memoryStore } from '../fixtures';

let store: Store;
afterEach(() => store?.close());

/** A workspace store with its profile and one agent, and a way to record an executed decision at an instant. */
function workspace(currency: string, timezone: string) {
  store = memoryStore();
  store.profile.create({ name: `Client in ${timezone}`, currency, timezone, createdAt: 0 });
  store.agents.create({ id: 'a1', name: 'Scaler', definition: { role: 'scale' }, goals: [] }, 0);
  let n = 0;
  return (iso: string, extra: Partial<Parameters<typeof decision>[0]> = {}) => {
    const id = `d${++n}`;
    store.decisions.insert(decision({ id, createdAt: Date.parse(iso), ...extra }));
    store.decisions.transition(id, 'proposed', 'escalated', { error: 'above the approval limit' });
  };
}

const decided = (digest: ReturnType<Store['reports']['dailyDigest']>) => Object.values(digest.summary.decisions).reduce((a, b) => a + b, 0);

describe('the daily digest of a workspace counts its local days', () => {
  it('reviews New York days from local midnight to local midnight: 23 hours in March, 25 in November', () => {
    const at = workspace('USD', 'America/New_York');
    at('2026-03-08T04:59:00Z'); // 23:59 on 7 March, EST
    at('2026-03-08T05:00:00Z'); // midnight of 8 March, EST
    at('2026-03-09T03:59:00Z'); // 23:59 on 8 March, EDT
    at('2026-03-09T04:00:00Z'); // midnight of 9 March, EDT
    const march = store.reports.dailyDigest('2026-03-08');
    expect(march).toMatchObject({ date: '2026-03-08', timezone: 'America/New_York', hours: 23, currency: 'USD' });
    expect(decided(march)).toBe(2);
    const text = formatDailyDigest(march);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Daily review 2026-03-08 (America/New_York, a 23-hour day)',
      'Workspace Client in America/New_York; times local to America/New_York; amounts in USD',
    ]);
    // On the changing day each time carries its offset; escalations still waiting from the day before keep theirs local.
    expect(text).toContain('2026-03-08 00:00-05:00  Scaler  c1  budget $100.00 → $120.00');
    expect(text).toContain('2026-03-08 23:59-04:00  Scaler');
    expect(text).toContain('2026-03-07 23:59  Scaler');
    expect(text).not.toContain('[d4]');

    at('2026-11-01T04:00:00Z'); // midnight of 1 November, EDT
    at('2026-11-02T04:59:00Z'); // 23:59 on 1 November, EST
    at('2026-11-02T05:00:00Z'); // midnight of 2 November, EST
    const november = store.reports.dailyDigest('2026-11-01');
    expect(november).toMatchObject({ date: '2026-11-01', hours: 25 });
    expect(decided(november)).toBe(2);
    expect(formatDailyDigest(november)).toMatch(/^Daily review 2026-11-01 \(America\/New_York, a 25-hour day\)/);
    expect(store.reports.dailyDigest('2026-11-02')).toMatchObject({ hours: 24 });
  });

  it('reviews a Tokyo day in yen, and by default the local day of the latest decision', () => {
    const at = workspace('JPY', 'Asia/Tokyo');
    at('2026-01-05T14:59:00Z', { before: { kind: 'budget', dailyBudget: 12000 }, after: { kind: 'budget', dailyBudget: 13200.4 } }); // 23:59 on 5 January, JST
    at('2026-01-05T15:00:00Z', { before: { kind: 'budget', dailyBudget: 12000 }, after: { kind: 'budget', dailyBudget: 13200.4 } }); // midnight of 6 January, JST
    const digest = store.reports.dailyDigest();
    expect(digest).toMatchObject({ date: '2026-01-06', timezone: 'Asia/Tokyo', hours: 24, currency: 'JPY' });
    expect(decided(digest)).toBe(1);
    expect(digest.exceptions.escalationsWaiting.map((d) => d.change)).toEqual(['budget ¥12,000 → ¥13,200', 'budget ¥12,000 → ¥13,200']);
    const text = formatDailyDigest(digest);
    expect(text.split('\n')[0]).toBe('Daily review 2026-01-06 (Asia/Tokyo)');
    expect(text).toContain('2026-01-06 00:00  Scaler');
    expect(text).toContain('2026-01-05 23:59  Scaler');
  });
});
