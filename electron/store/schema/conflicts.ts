import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agents } from './agents';

export const conflicts = sqliteTable(
  'conflicts',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    campaignId: text('campaign_id').notNull(),
    setting: text('setting').notNull(),
    winnerAgentId: text('winner_agent_id')
      .notNull()
      .references(() => agents.id),
    loserAgentId: text('loser_agent_id')
      .notNull()
      .references(() => agents.id),
    rule: text('rule').notNull(),
    /** JSON ConflictProposal. */
    winnerProposal: text('winner_proposal').notNull(),
    /** JSON ConflictProposal: the dissent. */
    loserProposal: text('loser_proposal').notNull(),
    reviewed: integer('reviewed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('conflicts_created').on(t.createdAt, t.id), index('conflicts_reviewed_created').on(t.reviewed, t.createdAt)],
);
