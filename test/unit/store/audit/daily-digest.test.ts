import { afterEach, describe, expect, it } from 'vitest';
import { formatDailyDigest, type Store } from '@store/index';
import { dailyDigest } from '@store/audit/daily-digest';
import { DEFAULT_LABELS } from '@store/exports/workspace-labels';
import { memoryStore } from '../fixtures';
import { writeHistory } from './account';
import { connectionOf } from '@store/testing';

let store: Store;
afterEach(() => store?.close());

describe('the daily review digest', () => {
  it('puts what needs a person first, then summarises the day', () => {
    store = memoryStore();
    writeHistory(store);
    const digest = dailyDigest(connectionOf(store), DEFAULT_LABELS, '2026-01-06');
    expect(digest).toMatchObject({ date: '2026-01-06', timezone: 'UTC', hours: 24, workspace: 'Sandbox', currency: 'USD' });
    const x = digest.exceptions;
    expect(x.escalationsWaiting.map((d) => [d.id, d.change, d.note])).toEqual([['d4', 'budget $100.00 → $120.00', 'raise above the approval limit']]);
    expect(x.blocked.map((d) => [d.id, d.change])).toEqual([['d3', 'status active → paused']]);
    expect(x.conflictsWithDissent.map((c) => [c.winner, c.loser, c.dissent, c.reviewed])).toEqual([['Scaler', 'Saver', 'ROAS 2.9 is under the goal', false]]);
    expect(x.missedOutcomes.map((o) => [o.decisionId, o.actual])).toEqual([['d2', 700]]);
    expect(x.goalsAtRisk.map((a) => a.message)).toEqual(['ROAS 3.2 against a goal of 4']);
    expect(digest.summary.decisions).toMatchObject({ escalated: 1, blocked: 1, executed: 1 });
    expect(digest.summary.outcomes).toEqual({ evaluated: 2, withinInterval: 1, directionCorrect: 1 });

    const text = formatDailyDigest(digest);
    const order = [
      'NEEDS YOU: 5 item(s)',
      'Escalations waiting',
      'Blocked actions',
      'Conflicts with dissent',
      'Outcomes that missed',
      'Goals at risk',
      'Everything else',
    ];
    const positions = order.map((heading) => text.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps an unanswered escalation on later days and says when nothing needs a person', () => {
    store = memoryStore();
    writeHistory(store);
    const later = dailyDigest(connectionOf(store), DEFAULT_LABELS, '2026-01-10');
    expect(later.exceptions.escalationsWaiting.map((d) => d.id)).toEqual(['d4']);
    expect(later.exceptions.blocked).toEqual([]);
    expect(later.exceptions.conflictsWithDissent.map((c) => c.reviewed)).toEqual([false]);
    const [conflict] = store.conflicts.list();
    store.conflicts.markReviewed(conflict.id);
    store.decisions.transition('d4', 'escalated', 'cancelled', { error: 'rejected by operator' });
    store.alerts.resolve('al1');
    expect(formatDailyDigest(dailyDigest(connectionOf(store), DEFAULT_LABELS, '2026-01-10'))).toContain('Nothing needs you today.');
    expect(() => dailyDigest(connectionOf(store), DEFAULT_LABELS, '2026-02-30')).toThrow("'2026-02-30' is not a day");
  });
});
