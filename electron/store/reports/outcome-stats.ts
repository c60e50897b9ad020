import type Database from 'better-sqlite3';
import type { ChangeKind } from '@shared/domain/campaign';
import { AccountZone } from '@shared/zone';

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
  /** Buckets of `overTime`: the account's local days, or weeks starting Monday at local midnight. Default day. */
  bucket?: 'day' | 'week';
}

type AgentKey = { agentId: string; agentName: string };

export interface OutcomeStats {
  overall: AccuracyFigures;
  byAgent: (AccuracyFigures & AgentKey)[];
  byAgentAndKind: (AccuracyFigures & AgentKey & { kind: ChangeKind })[];
  /** Per agent and bucket (`bucketStart`: the local midnight it begins at), oldest first: whether an agent's forecasts are getting better. */
  overTime: (AccuracyFigures & AgentKey & { bucketStart: number })[];
}

const DAY_MS = 86_400_000;

/**
 * The start of the local day or week (from Monday) of an instant in a zone, as SQL calls it:
 * SQLite knows no time zones, so the bucket is worked out by the zone's rules here.
 */
function localBucket(ms: number, zoneId: string, bucket: string): number {
  const zone = AccountZone.of(zoneId);
  if (bucket === 'day') return zone.startOfDay(ms);
  const key = zone.dayKey(ms);
  // Day key 0 (1970-01-01) was a Thursday: (day + 3) % 7 counts the days since Monday.
  const sinceMonday = (((Math.floor(key / DAY_MS) + 3) % 7) + 7) % 7;
  return zone.dayOfKey(key - sinceMonday * DAY_MS).startMs;
}

const withBuckets = new WeakSet<Database.Database>();

function registerBuckets(sqlite: Database.Database): void {
  if (withBuckets.has(sqlite)) return;
  sqlite.function('acm_local_bucket', { deterministic: true }, (ms, zoneId, bucket) => localBucket(Number(ms), String(zoneId), String(bucket)));
  withBuckets.add(sqlite);
}

const FIGURES = `count(*) AS count, coalesce(avg(o.direction_correct), 0) AS directional, coalesce(avg(o.within_interval), 0) AS coverage80,
  avg(CASE WHEN o.actual <> 0 THEN abs(o.actual - d.prediction_point) / abs(o.actual) END) AS mape`;

/** Outcome statistics per agent, per agent and action kind, and per agent over time (in `zone`'s days), in SQL. */
export function outcomeStats(sqlite: Database.Database, zone: AccountZone, query: OutcomeStatsQuery = {}): OutcomeStats {
  const bucket = query.bucket ?? 'day';
  if (bucket !== 'day' && bucket !== 'week') throw new Error(`outcome statistics bucket must be 'day' or 'week', got ${JSON.stringify(bucket)}`);
  registerBuckets(sqlite);
  const where = `WHERE d.created_at >= ? AND d.created_at < ? AND (? IS NULL OR d.agent_id = ?)`;
  const params = [query.from ?? Number.MIN_SAFE_INTEGER, query.to ?? Number.MAX_SAFE_INTEGER, query.agentId ?? null, query.agentId ?? null];
  const from = `FROM outcomes o JOIN decisions d ON d.id = o.decision_id JOIN agents a ON a.id = d.agent_id ${where}`;
  const all = <T>(sql: string) => sqlite.prepare(sql).all(...params) as T[];
  return {
    overall: sqlite.prepare(`SELECT ${FIGURES} ${from}`).get(...params) as AccuracyFigures,
    byAgent: all(`SELECT d.agent_id AS agentId, a.name AS agentName, ${FIGURES} ${from} GROUP BY d.agent_id ORDER BY a.name`),
    byAgentAndKind: all(`SELECT d.agent_id AS agentId, a.name AS agentName, d.kind, ${FIGURES} ${from} GROUP BY d.agent_id, d.kind ORDER BY a.name, d.kind`),
    overTime: sqlite
      .prepare(
        `SELECT acm_local_bucket(d.created_at, ?, ?) AS bucketStart, d.agent_id AS agentId, a.name AS agentName, ${FIGURES} ${from}
         GROUP BY bucketStart, d.agent_id ORDER BY bucketStart, a.name`,
      )
      .all(zone.id, bucket, ...params) as OutcomeStats['overTime'],
  };
}
