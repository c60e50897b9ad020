import type { ChangeKind } from '@shared/domain/campaign';
import type { ChangeValue, Decision } from '@shared/domain/decision';
import { fromJson, toJson } from '../json';
import type { decisions } from '../schema';

type DecisionRow = typeof decisions.$inferSelect;

export const DECISION_COLUMNS = [
  'id',
  'created_at',
  'agent_id',
  'campaign_id',
  'kind',
  'before',
  'after',
  'reasoning',
  'confidence',
  'prediction_metric',
  'prediction_window_hours',
  'prediction_point',
  'prediction_low80',
  'prediction_high80',
  'prediction_baseline',
  'metrics',
  'state',
  'idempotency_key',
  'approved_by',
  'error',
  'executed_at',
  'parent_decision_id',
] as const;

/** The decision's values in DECISION_COLUMNS order, JSON serialised, for the raw insert. */
export function decisionParams(d: Decision): unknown[] {
  const where = `decision ${d.id}`;
  if (d.before.kind !== d.kind || d.after.kind !== d.kind) {
    throw new Error(`${where}: before (${d.before.kind}) and after (${d.after.kind}) must both be of the decision's kind ${d.kind}`);
  }
  const p = d.prediction;
  return [
    d.id,
    d.createdAt,
    d.agentId,
    d.campaignId,
    d.kind,
    toJson(d.before, `${where} before`),
    toJson(d.after, `${where} after`),
    d.reasoning,
    d.confidence,
    p.metric,
    p.windowHours,
    p.point,
    p.low80,
    p.high80,
    p.baseline ?? null,
    toJson(d.metrics, `${where} metrics`),
    d.state,
    d.idempotencyKey,
    d.approvedBy ?? null,
    d.error ?? null,
    d.executedAt ?? null,
    d.parentDecisionId ?? null,
  ];
}

/** The audit content of a new decision: its row exactly as inserted, column by column. */
export function decisionContent(params: readonly unknown[]): string {
  return JSON.stringify(Object.fromEntries(DECISION_COLUMNS.map((column, i) => [column, params[i]])));
}

export function toDecision(row: DecisionRow): Decision {
  const where = `decision ${row.id}`;
  const decision = {
    id: row.id,
    createdAt: row.createdAt,
    agentId: row.agentId,
    campaignId: row.campaignId,
    kind: row.kind as ChangeKind,
    before: fromJson<ChangeValue>(row.before, `${where} before`),
    after: fromJson<ChangeValue>(row.after, `${where} after`),
    reasoning: row.reasoning,
    confidence: row.confidence,
    prediction: {
      metric: row.predictionMetric,
      windowHours: row.predictionWindowHours,
      point: row.predictionPoint,
      low80: row.predictionLow80,
      high80: row.predictionHigh80,
      ...(row.predictionBaseline === null ? {} : { baseline: row.predictionBaseline }),
    },
    metrics: fromJson<unknown>(row.metrics, `${where} metrics`),
    state: row.state,
    idempotencyKey: row.idempotencyKey,
    ...(row.approvedBy === null ? {} : { approvedBy: row.approvedBy }),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.executedAt === null ? {} : { executedAt: row.executedAt }),
    ...(row.parentDecisionId === null ? {} : { parentDecisionId: row.parentDecisionId }),
  };
  return decision as Decision;
}
