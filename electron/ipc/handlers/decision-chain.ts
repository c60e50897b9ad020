import type { Alert } from '@shared/domain/alert';
import type { Decision, Outcome } from '@shared/domain/decision';

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
