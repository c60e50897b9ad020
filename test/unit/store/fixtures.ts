import type { Decision } from '@shared/domain/decision';
import { openDatabase, type Store } from '@store/index';

export const T0 = Date.UTC(2026, 0, 5);

export function memoryStore(): Store {
  return openDatabase({ path: ':memory:' });
}

export function addAgent(store: Store, id: string, name = id): void {
  store.agents.create({ id, name, definition: { name, role: 'scale' }, goals: [] }, T0);
}

export function decision(overrides: Partial<Decision> & Pick<Decision, 'id'>): Decision {
  return {
    createdAt: T0,
    agentId: 'a1',
    campaignId: 'c1',
    kind: 'budget',
    before: { kind: 'budget', dailyBudget: 100 },
    after: { kind: 'budget', dailyBudget: 120 },
    reasoning: 'marginal ROAS 5.1 beats the goal of 4',
    confidence: 0.8,
    prediction: { metric: 'revenue', windowHours: 24, point: 560, low80: 500, high80: 610, baseline: 480 },
    metrics: { spend7d: 700, revenue7d: 3500 },
    state: 'proposed',
    idempotencyKey: `key-${overrides.id}`,
    ...overrides,
  } as Decision;
}
