import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AGENT_STATUSES } from '@shared/domain/agent';
import { GOAL_METRICS, GoalSchema, type Goal } from '@shared/scenario/schema';
import { oneOf } from './sql-lists';

const GOAL_OPS = GoalSchema.shape.op.options as [Goal['op'], ...Goal['op'][]];
const GOAL_PERIODS = GoalSchema.shape.per.unwrap().options as [Goal['per'], ...Goal['per'][]];

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull().unique(),
    status: text('status', { enum: AGENT_STATUSES }).notNull(),
    /** JSON: the agent in the scenario format's shape. */
    definition: text('definition').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('agent_status_valid', oneOf(t.status, AGENT_STATUSES))],
);

/** The goals inside each definition, as rows, rewritten whenever the definition is. */
export const agentGoals = sqliteTable(
  'agent_goals',
  {
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    metric: text('metric', { enum: GOAL_METRICS }).notNull(),
    op: text('op', { enum: GOAL_OPS }).notNull(),
    value: real('value').notNull(),
    per: text('per', { enum: GOAL_PERIODS }).notNull(),
    windowDays: integer('window_days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.position] }),
    check('goal_metric_valid', oneOf(t.metric, GOAL_METRICS)),
    check('goal_op_valid', oneOf(t.op, GOAL_OPS)),
    check('goal_per_valid', oneOf(t.per, GOAL_PERIODS)),
    check('goal_window_positive', sql`${t.windowDays} > 0`),
  ],
);
