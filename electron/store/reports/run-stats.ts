import type Database from 'better-sqlite3';
import type { AccuracySummary, DecisionCounts } from '@shared/domain/run-figures';

/**
 * What the agents did, counted from the store alone: the figures of a simulation report and of
 * the monitor. An escalation is known by the alert it raised, so a decision that was escalated
 * and then approved, rejected or expired still counts as escalated.
 */
export function decisionTally(sqlite: Database.Database): DecisionCounts {
  const row = sqlite
    .prepare(
      `SELECT
         count(*) AS proposed,
         coalesce(sum(state IN ('executed', 'undone')), 0) AS executed,
         coalesce(sum(state IN ('executed', 'undone') AND approved_by IS NULL), 0) AS autonomous,
         coalesce(sum(state = 'blocked'), 0) AS blocked,
         coalesce(sum(state = 'cancelled'), 0) AS cancelled,
         coalesce(sum(EXISTS (SELECT 1 FROM alerts a WHERE a.decision_id = d.id AND a.kind IN ('escalation', 'low_confidence'))), 0) AS escalated
       FROM decisions d WHERE parent_decision_id IS NULL`,
    )
    .get() as DecisionCounts;
  // In the report's order, whatever SQLite's.
  return {
    proposed: row.proposed,
    executed: row.executed,
    autonomous: row.autonomous,
    escalated: row.escalated,
    blocked: row.blocked,
    cancelled: row.cancelled,
  };
}

export function accuracyTally(sqlite: Database.Database): AccuracySummary {
  const rows = sqlite
    .prepare(
      `SELECT o.actual, o.within_interval AS inside, o.direction_correct AS direction,
              d.prediction_point AS point, d.prediction_low80 AS low, d.prediction_high80 AS high
       FROM outcomes o JOIN decisions d ON d.id = o.decision_id`,
    )
    .all() as { actual: number; inside: number; direction: number; point: number; low: number; high: number }[];
  if (rows.length === 0) return { evaluated: 0, directional: 0, coverage80: 0, mape: 0, medianRelativeWidth: 0 };
  const withActual = rows.filter((r) => r.actual > 0);
  const widths = rows
    .filter((r) => r.point > 0)
    .map((r) => (r.high - r.low) / r.point)
    .sort((a, b) => a - b);
  return {
    evaluated: rows.length,
    directional: rows.filter((r) => r.direction).length / rows.length,
    coverage80: rows.filter((r) => r.inside).length / rows.length,
    mape: withActual.length > 0 ? withActual.reduce((s, r) => s + Math.abs(r.actual - r.point) / r.actual, 0) / withActual.length : 0,
    medianRelativeWidth: widths.length > 0 ? widths[Math.floor(widths.length / 2)] : 0,
  };
}

export function conflictCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM conflicts').get() as { n: number }).n;
}
