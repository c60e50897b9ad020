import type { Store } from '@store/index';
import { decision, T0 } from '../fixtures';

export { T0 };
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * A small account's history written through the repositories, as the engine writes it: two
 * agents, executed, escalated, approved, blocked and undone decisions, outcomes in and out of
 * their interval, a conflict and alerts. Returns the ids it used.
 */
export function writeHistory(store: Store): void {
  store.agents.create({ id: 'a1', name: 'Scaler', definition: { role: 'scale' }, goals: [] }, T0);
  store.agents.create({ id: 'a2', name: 'Saver', definition: { role: 'efficiency' }, goals: [] }, T0);
  const d = (id: string, at: number, extra: Parameters<typeof decision>[0] = { id }) => store.decisions.insert(decision({ createdAt: at, ...extra, id }));

  d('d1', T0 + HOUR);
  store.decisions.transition('d1', 'proposed', 'pending');
  store.decisions.transition('d1', 'pending', 'executed', { executedAt: T0 + HOUR });
  d('d2', T0 + 2 * HOUR, { id: 'd2', agentId: 'a2', campaignId: 'c2', reasoning: 'cut: "marginal" ROAS 2.1, below the goal of 4\nsee metrics' });
  store.decisions.transition('d2', 'proposed', 'escalated', { error: 'confidence 0.41 below 0.5' });
  store.decisions.transition('d2', 'escalated', 'pending', { approvedBy: 'operator' });
  store.decisions.transition('d2', 'pending', 'executed', { executedAt: T0 + 3 * HOUR });
  d('d3', T0 + DAY + HOUR, { id: 'd3', kind: 'status', before: { kind: 'status', status: 'active' }, after: { kind: 'status', status: 'paused' } } as never);
  store.decisions.transition('d3', 'proposed', 'blocked', { error: 'campaign c1 carries the protected label brand' });
  d('d4', T0 + DAY + 2 * HOUR, { id: 'd4', campaignId: 'c2' });
  store.decisions.transition('d4', 'proposed', 'escalated', { error: 'raise above the approval limit' });
  d('u1', T0 + DAY + 3 * HOUR, { id: 'u1', before: { kind: 'budget', dailyBudget: 120 }, after: { kind: 'budget', dailyBudget: 100 }, parentDecisionId: 'd1' });
  store.decisions.transition('u1', 'proposed', 'pending');
  store.decisions.transition('u1', 'pending', 'executed', { executedAt: T0 + DAY + 3 * HOUR });
  store.decisions.transition('d1', 'executed', 'undone');

  store.outcomes.record({ decisionId: 'd1', evaluatedAt: T0 + DAY + 4 * HOUR, actual: 580, error: 20, withinInterval: true, directionCorrect: true });
  store.outcomes.record({ decisionId: 'd2', evaluatedAt: T0 + DAY + 5 * HOUR, actual: 700, error: 140, withinInterval: false, directionCorrect: false });

  store.conflicts.insert({
    createdAt: T0 + DAY + 6 * HOUR,
    campaignId: 'c2',
    setting: 'budget',
    winnerAgentId: 'a1',
    loserAgentId: 'a2',
    rule: 'priority',
    winnerProposal: {
      change: { kind: 'budget', campaignId: 'c2', dailyBudget: 150 },
      reasoning: 'scale',
      confidence: 0.7,
      prediction: decision({ id: 'x' }).prediction,
    },
    loserProposal: {
      change: { kind: 'budget', campaignId: 'c2', dailyBudget: 90 },
      reasoning: 'ROAS 2.9 is under the goal',
      confidence: 0.6,
      prediction: decision({ id: 'x' }).prediction,
    },
  });
  store.alerts.raise({
    id: 'al1',
    createdAt: T0 + DAY + 7 * HOUR,
    severity: 'warning',
    kind: 'goal_at_risk',
    agentId: 'a2',
    message: 'ROAS 3.2 against a goal of 4',
  });
  store.alerts.acknowledge('al1');
  store.agents.setStatus('a2', 'paused', T0 + DAY + 8 * HOUR);
  store.agents.setStatus('a2', 'active', T0 + DAY + 9 * HOUR);
}
