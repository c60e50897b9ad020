import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionCursor, DecisionFilter, Store } from '@store/index';
import type { Decision, DecisionState } from '@shared/domain/decision';
import { addAgent, decision, memoryStore, T0 } from '../fixtures';

let store: Store;
afterEach(() => store?.close());

const STATES: DecisionState[] = ['executed', 'blocked', 'escalated', 'cancelled', 'failed'];

function readAll(filter: DecisionFilter, limit: number): string[] {
  const ids: string[] = [];
  let cursor: DecisionCursor | undefined;
  do {
    const page = store.decisions.page(filter, cursor, limit);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((d) => d.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('the timeline over several states at once', () => {
  it('pages newest first through the union of the states, ties broken by id, nothing lost or repeated', () => {
    store = memoryStore();
    addAgent(store, 'a1');
    const all: Decision[] = [];
    for (let i = 0; i < 90; i++) {
      const d = decision({ id: `d${String((i * 41) % 90).padStart(2, '0')}`, createdAt: T0 + Math.floor(i / 4) * 1000, state: STATES[(i * 7) % 5] });
      store.decisions.insert(d);
      all.push(d);
    }
    const newestFirst = (ds: Decision[]) => [...ds].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((d) => d.id);
    for (const states of [['blocked', 'failed'], ['escalated', 'cancelled', 'executed'], ['failed']] as DecisionState[][]) {
      const expected = newestFirst(all.filter((d) => states.includes(d.state)));
      for (const limit of [1, 7, 50]) expect(readAll({ states }, limit)).toEqual(expected);
    }
  });
});
