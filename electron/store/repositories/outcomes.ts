import { desc, eq, getTableColumns } from 'drizzle-orm';
import type { Outcome } from '../../../shared/domain/decision';
import { decisions, outcomes } from '../schema';
import type { Handles } from './handles';

export interface OutcomeRepository {
  /** Once per decision: a second outcome for the same decision is refused. */
  record(outcome: Outcome): Outcome;
  /** The agent's outcomes, most recently evaluated first: its track record. */
  listForAgent(agentId: string, options?: { limit?: number }): Outcome[];
}

export function createOutcomeRepository({ db }: Handles): OutcomeRepository {
  return {
    record(outcome) {
      try {
        db.insert(outcomes).values(outcome).run();
      } catch (e) {
        throw new Error(`outcome of decision ${outcome.decisionId}: ${(e as Error).message}`, { cause: e });
      }
      return outcome;
    },
    listForAgent(agentId, options = {}) {
      const query = db
        .select(getTableColumns(outcomes))
        .from(outcomes)
        .innerJoin(decisions, eq(decisions.id, outcomes.decisionId))
        .where(eq(decisions.agentId, agentId))
        .orderBy(desc(outcomes.evaluatedAt), desc(outcomes.decisionId));
      return options.limit === undefined ? query.all() : query.limit(options.limit).all();
    },
  };
}
