import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CHANGE_KINDS, type ChangeKind } from '@shared/domain/campaign';
import { DECISION_STATES, PREDICTION_METRICS } from '@shared/domain/decision';
import { agents } from './agents';
import { oneOf } from './sql-lists';

/** The prediction is spread over columns so accuracy can be aggregated in SQL. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    campaignId: text('campaign_id').notNull(),
    kind: text('kind', { enum: CHANGE_KINDS as unknown as [ChangeKind, ...ChangeKind[]] }).notNull(),
    /** JSON ChangeValue. */
    before: text('before').notNull(),
    /** JSON ChangeValue. */
    after: text('after').notNull(),
    reasoning: text('reasoning').notNull(),
    confidence: real('confidence').notNull(),
    predictionMetric: text('prediction_metric', { enum: PREDICTION_METRICS }).notNull(),
    predictionWindowHours: real('prediction_window_hours').notNull(),
    predictionPoint: real('prediction_point').notNull(),
    predictionLow80: real('prediction_low80').notNull(),
    predictionHigh80: real('prediction_high80').notNull(),
    predictionBaseline: real('prediction_baseline'),
    /** JSON: the metrics the agent saw. */
    metrics: text('metrics').notNull(),
    state: text('state', { enum: DECISION_STATES }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    approvedBy: text('approved_by'),
    error: text('error'),
    executedAt: integer('executed_at'),
    parentDecisionId: text('parent_decision_id').references((): AnySQLiteColumn => decisions.id),
  },
  (t) => [
    index('decisions_agent_created').on(t.agentId, t.createdAt, t.id),
    index('decisions_campaign_created').on(t.campaignId, t.createdAt, t.id),
    index('decisions_state_created').on(t.state, t.createdAt, t.id),
    index('decisions_created').on(t.createdAt, t.id),
    check('decision_kind_valid', oneOf(t.kind, CHANGE_KINDS)),
    check('decision_state_valid', oneOf(t.state, DECISION_STATES)),
    check('decision_prediction_metric_valid', oneOf(t.predictionMetric, PREDICTION_METRICS)),
    check('decision_confidence_between_0_and_1', sql`${t.confidence} BETWEEN 0 AND 1`),
    check('decision_prediction_window_positive', sql`${t.predictionWindowHours} > 0`),
    check('decision_prediction_interval_ordered', sql`${t.predictionLow80} <= ${t.predictionHigh80}`),
  ],
);

/** At most one per decision: its prediction held against what happened. */
export const outcomes = sqliteTable(
  'outcomes',
  {
    decisionId: text('decision_id')
      .primaryKey()
      .references(() => decisions.id),
    evaluatedAt: integer('evaluated_at').notNull(),
    actual: real('actual').notNull(),
    error: real('error').notNull(),
    withinInterval: integer('within_interval', { mode: 'boolean' }).notNull(),
    directionCorrect: integer('direction_correct', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('outcomes_evaluated').on(t.evaluatedAt)],
);
