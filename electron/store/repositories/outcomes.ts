import { desc, eq, getTableColumns } from 'drizzle-orm';
import type { Outcome } from '@shared/domain/decision';
import { toJson } from '../json';
import { decisions, outcomes } from '../schema';
import type { Handles } from './handles';

export interface OutcomeRepository {
  /** Once per decision: a second outcome for the same decision is refused. */
  record(outcome: Outcome): Outcome;
  /** The agent's outcomes, most recently evaluated first: its track record. */
  listForAgent(agentId: string, options?: { limit?: number }): Outcome[];
}

export function createOutcomeRepository({ sqlite, db, audit }: Handles): OutcomeRepository {
  const subjects = sqlite.prepare('SELECT agent_id AS agentId, campaign_id AS campaignId FROM decisions WHERE id = ?');
  const recordAudited = sqlite.transaction((outcome: Outcome) => {
    db.insert(outcomes).values(outcome).run();
    const decision = subjects.get(outcome.decisionId) as { agentId: string; campaignId: string };
    audit.append({
      kind: 'outcome.recorded',
      subject: outcome.decisionId,
      agentId: decision.agentId,
      campaignId: decision.campaignId,
      decisionId: outcome.decisionId,
      content: toJson(outcome, `outcome of decision ${outcome.decisionId}`),
      row: 'outcomes',
    });
  });

  return {
    record(outcome) {
      try {
        recordAudited(outcome);
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
