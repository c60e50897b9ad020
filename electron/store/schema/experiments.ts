import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { EXPERIMENT_STATUSES } from '@shared/domain/experiment';
import { oneOf } from './sql-lists';

/**
 * Holdout experiments. The assignment is kept whole, with the seed that drew it, so the split can
 * be drawn again and checked; dates are the account's local dates, as the operator chose them.
 * While `status` is 'running', the campaigns of the holdout are no agent's.
 */
export const experiments = sqliteTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    status: text('status', { enum: EXPERIMENT_STATUSES }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** JSON array of the agents whose management is tested. */
    agentIds: text('agent_ids').notNull(),
    seed: integer('seed').notNull(),
    /** JSON Assignment: the groups, the matched pairs, the balance before the test. */
    assignment: text('assignment').notNull(),
    /** The first test day and the last one (inclusive), 'YYYY-MM-DD' in the account's zone. */
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    durationDays: integer('duration_days').notNull(),
    preDays: integer('pre_days').notNull(),
    /** JSON PowerEstimate, as it stood when the experiment started. */
    power: text('power').notNull(),
    /** When it stopped or finished; with the operator's reason when stopped early. */
    endedAt: integer('ended_at'),
    stopReason: text('stop_reason'),
  },
  (t) => [
    index('experiments_status').on(t.status, t.createdAt),
    check('experiment_status_valid', oneOf(t.status, EXPERIMENT_STATUSES)),
    check('experiment_days_positive', sql`${t.durationDays} > 0 AND ${t.preDays} > 0`),
    check('experiment_dates_ordered', sql`${t.endDate} >= ${t.startDate}`),
    check('experiment_stop_has_reason', sql`(${t.status} = 'stopped') = (${t.stopReason} IS NOT NULL)`),
  ],
);
