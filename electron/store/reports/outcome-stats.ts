import type Database from 'better-sqlite3';
import type { ChangeKind } from '@shared/domain/campaign';

/** How the predictions of a set of decisions held, once their outcome windows closed. */
export interface AccuracyFigures {
  /** Decisions with a recorded outcome. */
  count: number;
  /** Share whose actual effect had the predicted sign. */
  directional: number;
  /** Share whose actual fell inside the predicted 80% interval: about 0.8 when calibrated. */
  coverage80: number;
  /** Mean |actual − predicted| / |actual| over the outcomes with a non-zero actual; null when none. */
  mape: number | null;
}

export interface OutcomeStatsQuery {
  /** On the decision's creation time: `from` inclusive, `to` exclusive, epoch ms. */
  from?: number;
  to?: number;
  agentId?: string;
  /** Buckets of `overTime`: UTC days, or weeks starting Monday 00:00 UTC. Default day. */
  bucket?: 'day' | 'week';
}

type AgentKey = { agentId: string; agentName: string };

export interface OutcomeStats {
  overall: AccuracyFigures;
  byAgent: (AccuracyFigures & AgentKey)[];
  byAgentAndKind: (AccuracyFigures & AgentKey & { kind: ChangeKind })[];
  /** Per agent and bucket, oldest first: whether an agent's forecasts are getting better. */
  overTime: (AccuracyFigures & AgentKey & { bucketStart: number })[];
}

const DAY_MS = 86_400_000;

const FIGURES = `count(*) AS count, coalesce(avg(o.direction_correct), 0) AS directional, coalesce(avg(o.within_interval), 0) AS coverage80,
  avg(CASE WHEN o.actual <> 0 THEN abs(o.actual - d.prediction_point) / abs(o.actual) END) AS mape`;

// Day 0 of the epoch was a Thursday: (day + 3) % 7 counts the days since Monday.
const BUCKETS = {
  day: `(d.created_at / ${DAY_MS}) * ${DAY_MS}`,
  week: `((d.created_at / ${DAY_MS}) - ((d.created_at / ${DAY_MS}) + 3) % 7) * ${DAY_MS}`,
};

/** Outcome statistics per agent, per agent and action kind, and per agent over time, in SQL. */
export function outcomeStats(sqlite: Database.Database, query: OutcomeStatsQuery = {}): OutcomeStats {
  const bucket = query.bucket ?? 'day';
  if (!(bucket in BUCKETS)) throw new Error(`outcome statistics bucket must be 'day' or 'week', got ${JSON.stringify(bucket)}`);
  const where = `WHERE d.created_at >= ? AND d.created_at < ? AND (? IS NULL OR d.agent_id = ?)`;
  const params = [query.from ?? Number.MIN_SAFE_INTEGER, query.to ?? Number.MAX_SAFE_INTEGER, query.agentId ?? null, query.agentId ?? null];
  const from = `FROM outcomes o JOIN decisions d ON d.id = o.decision_id JOIN agents a ON a.id = d.agent_id ${where}`;
  const all = <T>(sql: string) => sqlite.prepare(sql).all(...params) as T[];
  return {
    overall: sqlite.prepare(`SELECT ${FIGURES} ${from}`).get(...params) as AccuracyFigures,
    byAgent: all(`SELECT d.agent_id AS agentId, a.name AS agentName, ${FIGURES} ${from} GROUP BY d.agent_id ORDER BY a.name`),
    byAgentAndKind: all(`SELECT d.agent_id AS agentId, a.name AS agentName, d.kind, ${FIGURES} ${from} GROUP BY d.agent_id, d.kind ORDER BY a.name, d.kind`),
    overTime: all(
      `SELECT ${BUCKETS[bucket]} AS bucketStart, d.agent_id AS agentId, a.name AS agentName, ${FIGURES} ${from}
       GROUP BY bucketStart, d.agent_id ORDER BY bucketStart, a.name`,
    ),
  };
}
