import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import { toCampaignChange, type DecisionState } from '@shared/domain/decision';
import { addAgent, decision, memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
  addAgent(store, 'a1');
  addAgent(store, 'a2');
});
afterEach(() => store.close());

describe('decisions', () => {
  it('reads back what was written, JSON fields as objects', () => {
    const written = decision({
      id: 'd1',
      kind: 'targeting',
      before: { kind: 'targeting', audienceId: 'aud-1', enabled: true },
      after: { kind: 'targeting', audienceId: 'aud-1', enabled: false },
      metrics: { perAudience: [{ id: 'aud-1', roas: 1.2 }] },
    });
    store.decisions.insert(written);
    const read = store.decisions.get('d1')!;
    expect(read).toEqual(written);
    expect(toCampaignChange(read)).toEqual({ kind: 'targeting', campaignId: 'c1', audienceId: 'aud-1', enabled: false });
  });

  it('compare-and-set: moves only from the expected state', () => {
    store.decisions.insert(decision({ id: 'd1' }));
    expect(store.decisions.transition('d1', 'proposed', 'pending')).toBe(true);
    // a second executor racing for the same decision sees it is no longer proposed
    expect(store.decisions.transition('d1', 'proposed', 'pending')).toBe(false);
    expect(store.decisions.transition('d1', 'pending', 'executed', { executedAt: T0 + 5 })).toBe(true);
    expect(store.decisions.transition('d1', 'pending', 'failed', { error: 'late' })).toBe(false);
    const settled = store.decisions.get('d1')!;
    expect(settled.state).toBe('executed');
    expect(settled.executedAt).toBe(T0 + 5);
    expect(settled.error).toBeUndefined();
  });

  it('keeps approvals and errors set by earlier transitions', () => {
    store.decisions.insert(decision({ id: 'd1', state: 'escalated' }));
    store.decisions.transition('d1', 'escalated', 'pending', { approvedBy: 'ana' });
    store.decisions.transition('d1', 'pending', 'failed', { error: 'RATE_LIMITED' });
    expect(store.decisions.get('d1')).toMatchObject({ state: 'failed', approvedBy: 'ana', error: 'RATE_LIMITED' });
  });

  it('refuses a forbidden move and an unknown decision', () => {
    store.decisions.insert(decision({ id: 'd1' }));
    expect(() => store.decisions.transition('d1', 'proposed', 'executed')).toThrow('decision d1: a decision cannot go from proposed to executed');
    expect(() => store.decisions.transition('nope', 'proposed', 'pending')).toThrow('no decision with id nope');
    expect(store.decisions.get('d1')!.state).toBe('proposed');
  });

  it('lists pending decisions oldest first for a restart to settle', () => {
    for (const [id, at, state] of [
      ['d1', 3, 'pending'],
      ['d2', 1, 'pending'],
      ['d3', 2, 'executed'],
    ] as const) {
      store.decisions.insert(decision({ id, createdAt: T0 + at, state }));
    }
    expect(store.decisions.listPending().map((d) => d.id)).toEqual(['d2', 'd1']);
  });

  it('refuses bad values with the field and the decision named', () => {
    expect(() => store.decisions.insert(decision({ id: 'd1', confidence: 1.5 }))).toThrow(
      'decision d1: CHECK constraint failed: decision_confidence_between_0_and_1',
    );
    expect(() => store.decisions.insert(decision({ id: 'd2', metrics: { roas: Number.NaN } }))).toThrow('decision d2 metrics.roas: NaN is not a finite number');
    expect(() => store.decisions.insert(decision({ id: 'd3', kind: 'bid', after: { kind: 'budget', dailyBudget: 1 } } as never))).toThrow(
      "decision d3: before (budget) and after (budget) must both be of the decision's kind bid",
    );
    store.decisions.insert(decision({ id: 'd4', idempotencyKey: 'k' }));
    expect(() => store.decisions.insert(decision({ id: 'd5', idempotencyKey: 'k' }))).toThrow(
      'decision d5: UNIQUE constraint failed: decisions.idempotency_key',
    );
  });

  it('counts by state, every state present', () => {
    const states: DecisionState[] = ['executed', 'executed', 'blocked', 'escalated'];
    states.forEach((state, i) => store.decisions.insert(decision({ id: `d${i}`, state, agentId: i === 3 ? 'a2' : 'a1' })));
    const all = store.decisions.countByState();
    expect(all).toMatchObject({ executed: 2, blocked: 1, escalated: 1, pending: 0, undone: 0 });
    expect(Object.keys(all)).toHaveLength(8);
    expect(store.decisions.countByState({ agentId: 'a2' })).toMatchObject({ executed: 0, escalated: 1 });
  });
});
