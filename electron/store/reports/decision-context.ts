import { and, eq, gte } from 'drizzle-orm';
import type { Decision, Outcome } from '@shared/domain/decision';
import type { DecisionRepository } from '../repositories/decisions';
import type { StoreDb } from '../repositories/handles';
import { decisions, outcomes } from '../schema';

/** The outcome recorded for a decision, once its window has closed and it was judged. */
export function outcomeOf(db: StoreDb, decisionId: string): Outcome | null {
  return db.select().from(outcomes).where(eq(outcomes.decisionId, decisionId)).get() ?? null;
}

/** The undo that reversed `decision` (only an undone decision has one), or the decision an undo reverses. */
export function relatedOf(db: StoreDb, repository: Pick<DecisionRepository, 'get'>, decision: Decision): Decision[] {
  if (decision.parentDecisionId) {
    const parent = repository.get(decision.parentDecisionId);
    return parent ? [parent] : [];
  }
  if (decision.state !== 'undone') return [];
  // An undo is always created after its parent: the creation-time index narrows the search.
  const rows = db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(gte(decisions.createdAt, decision.createdAt), eq(decisions.parentDecisionId, decision.id)))
    .all();
  return rows.map((r) => repository.get(r.id)).filter((d): d is Decision => d !== undefined);
}
