import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import { outcomeStats } from '@store/reports/outcome-stats';
import { decision, memoryStore } from '../fixtures';
import { DAY, T0 } from '../audit/account';
import { connectionOf } from '@store/testing';
import { AccountZone } from '@shared/zone';

let store: Store;
afterEach(() => store?.close());

/** One evaluated decision: predicted 100 [80, 120]. */
function evaluated(id: string, agentId: string, at: number, actual: number, kind: 'budget' | 'status' = 'budget'): void {
  const extra = kind === 'status' ? { kind, before: { kind, status: 'active' }, after: { kind, status: 'paused' } } : {};
  store.decisions.insert(
    decision({
      id,
      agentId,
      createdAt: at,
      prediction: { metric: 'revenue', windowHours: 72, point: 100, low80: 80, high80: 120, baseline: 90 },
      ...extra,
    } as never),
  );
  store.outcomes.record({
    decisionId: id,
    evaluatedAt: at + 3 * DAY,
    actual,
    error: actual - 100,
    withinInterval: actual >= 80 && actual <= 120,
    directionCorrect: actual > 90,
  });
}

describe('outcome statistics', () => {
  it('gives accuracy, coverage and MAPE per agent, per action kind and per day or week', () => {
    store = memoryStore();
    store.agents.create({ id: 'a1', name: 'Scaler', definition: {}, goals: [] }, T0);
    store.agents.create({ id: 'a2', name: 'Saver', definition: {}, goals: [] }, T0);
    evaluated('s1', 'a1', T0, 110); // inside, right direction, 9.1% off
    evaluated('s2', 'a1', T0 + DAY, 50); // outside, wrong direction, 100% off
    evaluated('s3', 'a1', T0 + 8 * DAY, 100, 'status'); // inside, right, 0% off
    evaluated('v1', 'a2', T0, 125); // outside, right, 20% off
    store.decisions.insert(decision({ id: 'open', agentId: 'a2', createdAt: T0 })); // no outcome yet: not counted

    const stats = outcomeStats(connectionOf(store), AccountZone.UTC);
    expect(stats.overall.count).toBe(4);
    expect(stats.overall.directional).toBeCloseTo(3 / 4);
    expect(stats.overall.coverage80).toBeCloseTo(2 / 4);
    expect(stats.overall.mape).toBeCloseTo((10 / 110 + 50 / 50 + 0 + 25 / 125) / 4);

    expect(stats.byAgent.map((a) => [a.agentName, a.count, a.coverage80])).toEqual([
      ['Saver', 1, 0],
      ['Scaler', 3, 2 / 3],
    ]);
    expect(stats.byAgentAndKind.filter((r) => r.agentId === 'a1').map((r) => [r.kind, r.count, r.directional])).toEqual([
      ['budget', 2, 0.5],
      ['status', 1, 1],
    ]);
    expect(stats.overTime.filter((p) => p.agentId === 'a1').map((p) => [p.bucketStart, p.count])).toEqual([
      [T0, 1],
      [T0 + DAY, 1],
      [T0 + 8 * DAY, 1],
    ]);
    // T0 (2026-01-05) is a Monday: the first two fall in its week, the third in the next.
    const weekly = outcomeStats(connectionOf(store), AccountZone.UTC, { bucket: 'week', agentId: 'a1' });
    expect(weekly.overTime.map((p) => [p.bucketStart, p.count])).toEqual([
      [T0, 2],
      [T0 + 7 * DAY, 1],
    ]);
    expect(outcomeStats(connectionOf(store), AccountZone.UTC, { from: T0 + DAY, to: T0 + 2 * DAY }).overall.count).toBe(1);
  });

  it("buckets by the account's local days and weeks: New York's day begins at 05:00 UTC in winter", () => {
    store = memoryStore();
    store.agents.create({ id: 'a1', name: 'Scaler', definition: {}, goals: [] }, T0);
    const HOUR = DAY / 24;
    evaluated('late', 'a1', T0 + 3 * HOUR, 110); // 2026-01-04 22:00 in New York: a Sunday
    evaluated('next', 'a1', T0 + 6 * HOUR, 110); // 2026-01-05 01:00 in New York: a Monday
    const ny = AccountZone.of('America/New_York');
    const daily = outcomeStats(connectionOf(store), ny);
    expect(daily.overTime.map((p) => [p.bucketStart, p.count])).toEqual([
      [T0 - DAY + 5 * HOUR, 1],
      [T0 + 5 * HOUR, 1],
    ]);
    const weekly = outcomeStats(connectionOf(store), ny, { bucket: 'week' });
    expect(weekly.overTime.map((p) => [p.bucketStart, p.count])).toEqual([
      [T0 - 7 * DAY + 5 * HOUR, 1],
      [T0 + 5 * HOUR, 1],
    ]);
  });

  it('reports no MAPE rather than a wrong one when nothing was evaluated', () => {
    store = memoryStore();
    expect(outcomeStats(connectionOf(store), AccountZone.UTC).overall).toEqual({ count: 0, directional: 0, coverage80: 0, mape: null });
    expect(() => outcomeStats(connectionOf(store), AccountZone.UTC, { bucket: 'month' as never })).toThrow("bucket must be 'day' or 'week', got \"month\"");
  });
});
