import type Database from 'better-sqlite3';
import type { ChangeKind } from '@shared/domain/campaign';
import type { DecisionState } from '@shared/domain/decision';

/** Which decisions an export holds. Times are epoch ms: `from` inclusive, `to` exclusive. */
export interface ExportFilter {
  from?: number;
  to?: number;
  agentId?: string;
  campaignId?: string;
  kinds?: readonly ChangeKind[];
  states?: readonly DecisionState[];
  /** Words that must all appear in the reasoning, case-insensitively. */
  text?: string;
}

/** One decision as exported, with its agent's name, its outcome and its latest audit entry's hash. */
export interface ExportRow {
  id: string;
  createdAt: number;
  agentId: string;
  agentName: string;
  campaignId: string;
  kind: ChangeKind;
  /** JSON ChangeValue, as stored. */
  before: string;
  after: string;
  state: DecisionState;
  approvedBy: string | null;
  reasoning: string;
  confidence: number;
  metric: string;
  predicted: number;
  low80: number;
  high80: number;
  baseline: number | null;
  actual: number | null;
  withinInterval: number | null;
  directionCorrect: number | null;
  parentDecisionId: string | null;
  entryHash: string | null;
}

const SELECT = `SELECT d.id, d.created_at AS createdAt, d.agent_id AS agentId, a.name AS agentName, d.campaign_id AS campaignId,
  d.kind, d.before, d.after, d.state, d.approved_by AS approvedBy, d.reasoning, d.confidence,
  d.prediction_metric AS metric, d.prediction_point AS predicted, d.prediction_low80 AS low80, d.prediction_high80 AS high80,
  d.prediction_baseline AS baseline, o.actual, o.within_interval AS withinInterval, o.direction_correct AS directionCorrect,
  d.parent_decision_id AS parentDecisionId,
  (SELECT l.hash FROM audit_log l WHERE l.decision_id = d.id ORDER BY l.seq DESC LIMIT 1) AS entryHash
FROM decisions d JOIN agents a ON a.id = d.agent_id LEFT JOIN outcomes o ON o.decision_id = d.id`;

function whereClause(filter: ExportFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (filter.from !== undefined) add('d.created_at >= ?', filter.from);
  if (filter.to !== undefined) add('d.created_at < ?', filter.to);
  if (filter.agentId !== undefined) add('d.agent_id = ?', filter.agentId);
  if (filter.campaignId !== undefined) add('d.campaign_id = ?', filter.campaignId);
  if (filter.kinds?.length) add(`d.kind IN (${filter.kinds.map(() => '?').join(', ')})`, ...filter.kinds);
  if (filter.states?.length) add(`d.state IN (${filter.states.map(() => '?').join(', ')})`, ...filter.states);
  for (const word of (filter.text ?? '').split(/\s+/).filter(Boolean)) {
    add(`d.reasoning LIKE ? ESCAPE '\\'`, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { sql: parts.join(' AND '), params };
}

export const EXPORT_CHUNK = 2000;

/** Rows come back as arrays (better-sqlite3 builds those at half the cost of objects) and are named here, in SELECT order. */
function toRow(v: unknown[]): ExportRow {
  return {
    id: v[0],
    createdAt: v[1],
    agentId: v[2],
    agentName: v[3],
    campaignId: v[4],
    kind: v[5],
    before: v[6],
    after: v[7],
    state: v[8],
    approvedBy: v[9],
    reasoning: v[10],
    confidence: v[11],
    metric: v[12],
    predicted: v[13],
    low80: v[14],
    high80: v[15],
    baseline: v[16],
    actual: v[17],
    withinInterval: v[18],
    directionCorrect: v[19],
    parentDecisionId: v[20],
    entryHash: v[21],
  } as ExportRow;
}

/**
 * The matching decisions, oldest first, in chunks read with keyset paging: memory stays
 * constant however many rows there are, and no statement stays open between chunks, so the
 * export may run on the app's own connection while the agents keep writing to it.
 */
export function* exportChunks(sqlite: Database.Database, filter: ExportFilter = {}, chunk = EXPORT_CHUNK): Generator<ExportRow[]> {
  const { sql, params } = whereClause(filter);
  const statement = sqlite
    .prepare(
      // The plain lower bound lets SQLite range-scan the index; the OR alone would defeat it.
      `${SELECT} WHERE ${sql ? `${sql} AND ` : ''}d.created_at >= ? AND (d.created_at > ? OR (d.created_at = ? AND d.id > ?))
       ORDER BY d.created_at, d.id LIMIT ?`,
    )
    .raw(true);
  let cursor = { createdAt: Number.MIN_SAFE_INTEGER, id: '' };
  for (;;) {
    const rows: ExportRow[] = [];
    for (const values of statement.iterate(...params, cursor.createdAt, cursor.createdAt, cursor.createdAt, cursor.id, chunk))
      rows.push(toRow(values as unknown[]));
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

/** The same rows one by one. */
export function* exportRows(sqlite: Database.Database, filter: ExportFilter = {}): Generator<ExportRow> {
  for (const rows of exportChunks(sqlite, filter)) yield* rows;
}

/** The id of the agent named `name`, or an error naming it. */
export function agentIdByName(sqlite: Database.Database, name: string): string {
  const id = sqlite.prepare('SELECT id FROM agents WHERE name = ?').pluck().get(name) as string | undefined;
  if (id === undefined) throw new Error(`no agent named ${JSON.stringify(name)}`);
  return id;
}
