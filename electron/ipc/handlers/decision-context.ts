import { and, asc, eq, gte } from 'drizzle-orm';
import type { Alert } from '../../../shared/domain/alert';
import type { Decision, Outcome } from '../../../shared/domain/decision';
import type { Store } from '../../store';
import { alerts, decisions, outcomes } from '../../store/schema';

/** The outcome recorded for a decision, once its window has closed and it was judged. */
export function outcomeOf(store: Store, decisionId: string): Outcome | null {
  return store.db.select().from(outcomes).where(eq(outcomes.decisionId, decisionId)).get() ?? null;
}

/** Alerts raised about a decision, oldest first. */
export function alertsOf(store: Store, decisionId: string): Alert[] {
  return store.db
    .select()
    .from(alerts)
    .where(eq(alerts.decisionId, decisionId))
    .orderBy(asc(alerts.createdAt))
    .all()
    .map(({ agentId, decisionId: d, ...rest }) => ({ ...rest, ...(agentId === null ? {} : { agentId }), ...(d === null ? {} : { decisionId: d }) }));
}

/** The undo that reversed `decision` (only an undone decision has one), or the decision an undo reverses. */
export function relatedOf(store: Store, decision: Decision): Decision[] {
  if (decision.parentDecisionId) {
    const parent = store.decisions.get(decision.parentDecisionId);
    return parent ? [parent] : [];
  }
  if (decision.state !== 'undone') return [];
  // An undo is always created after its parent: the creation-time index narrows the search.
  const rows = store.db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(gte(decisions.createdAt, decision.createdAt), eq(decisions.parentDecisionId, decision.id)))
    .all();
  return rows.map((r) => store.decisions.get(r.id)).filter((d): d is Decision => d !== undefined);
}

export interface StateEntry {
  at: number;
  state: string;
  note: string;
}

/**
 * A decision's life as the record tells it, step by step: proposed, what the guardrails said
 * (the alerts it raised), a person's approval, execution, and how it ended.
 */
export function chainOf(decision: Decision, raised: readonly Alert[], outcome: Outcome | null): StateEntry[] {
  const chain: StateEntry[] = [{ at: decision.createdAt, state: 'proposed', note: `confidence ${Math.round(decision.confidence * 100)}%` }];
  for (const alert of raised) {
    const state = alert.kind === 'blocked' ? 'blocked' : alert.kind === 'escalation' || alert.kind === 'low_confidence' ? 'escalated' : alert.kind;
    chain.push({ at: alert.createdAt, state, note: alert.message });
  }
  const last = () => chain[chain.length - 1].at;
  if (decision.executedAt !== undefined) {
    if (decision.approvedBy) chain.push({ at: decision.executedAt, state: 'approved', note: `by ${decision.approvedBy}` });
    chain.push({ at: decision.executedAt, state: 'executed', note: 'applied on the platform' });
  }
  if (decision.state === 'cancelled' || decision.state === 'failed') chain.push({ at: last(), state: decision.state, note: decision.error ?? '' });
  if (decision.state === 'undone') chain.push({ at: last(), state: 'undone', note: 'reversed by a later decision' });
  if (decision.state === 'pending') chain.push({ at: last(), state: 'pending', note: 'sent to the platform, not settled yet' });
  if (outcome) {
    chain.push({
      at: outcome.evaluatedAt,
      state: 'evaluated',
      note: `actual ${outcome.actual.toFixed(2)} ${outcome.withinInterval ? 'inside' : 'outside'} the 80% interval`,
    });
  }
  return chain;
}
