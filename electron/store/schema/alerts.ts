import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATES } from '@shared/domain/alert';
import { agents } from './agents';
import { decisions } from './decisions';
import { oneOf } from './sql-lists';

export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    agentId: text('agent_id').references(() => agents.id),
    decisionId: text('decision_id').references(() => decisions.id),
    message: text('message').notNull(),
    state: text('state', { enum: ALERT_STATES }).notNull().default('open'),
  },
  (t) => [
    index('alerts_state_created').on(t.state, t.createdAt),
    check('alert_severity_valid', oneOf(t.severity, ALERT_SEVERITIES)),
    check('alert_kind_valid', oneOf(t.kind, ALERT_KINDS)),
    check('alert_state_valid', oneOf(t.state, ALERT_STATES)),
  ],
);
