import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionCursor, DecisionFilter, Store } from '@store/index';
import type { Decision } from '@shared/domain/decision';
import { addAgent, decision, memoryStore, T0 } from '../fixtures';

let store: Store;
let all: Decision[];

beforeEach(() => {
  store = memoryStore();
  addAgent(store, 'a1');
  addAgent(store, 'a2');
  all = [];
  // 60 decisions over 20 timestamps: three share each createdAt, so ties must be broken by id
  for (let i = 0; i < 60; i++) {
    const d = decision({
      id: `d${String((i * 37) % 60).padStart(2, '0')}`,
      createdAt: T0 + Math.floor(i / 3) * 1000,
      agentId: i % 2 ? 'a2' : 'a1',
      campaignId: i % 3 ? 'c1' : 'c2',
      state: i % 4 ? 'executed' : 'blocked',
    });
    store.decisions.insert(d);
    all.push(d);
  }
});
afterEach(() => store.close());

function readAll(filter: DecisionFilter, limit: number): { ids: string[]; pages: number } {
  const ids: string[] = [];
  let cursor: DecisionCursor | undefined;
  let pages = 0;
  do {
    const page = store.decisions.page(filter, cursor, limit);
    ids.push(...page.items.map((d) => d.id));
    cursor = page.next;
    pages++;
  } while (cursor);
  return { ids, pages };
}

function expected(keep: (d: Decision) => boolean): string[] {
  return all
    .filter(keep)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .map((d) => d.id);
}

describe('decision paging', () => {
  it('returns every row exactly once, newest first, across pages', () => {
    const { ids, pages } = readAll({}, 7);
    expect(ids).toEqual(expected(() => true));
    expect(pages).toBe(9);
  });

  it('applies filters on every page', () => {
    const filter: DecisionFilter = { agentId: 'a1', states: ['executed'], from: T0 + 2000, to: T0 + 15000 };
    const want = expected((d) => d.agentId === 'a1' && d.state === 'executed' && d.createdAt >= T0 + 2000 && d.createdAt < T0 + 15000);
    expect(want.length).toBeGreaterThan(5);
    expect(readAll(filter, 4).ids).toEqual(want);
    expect(readAll({ campaignId: 'c2' }, 5).ids).toEqual(expected((d) => d.campaignId === 'c2'));
  });

  it('ends without a cursor when the last page is exactly full', () => {
    const page = store.decisions.page({ campaignId: 'c2' }, undefined, 20);
    expect(page.items).toHaveLength(20);
    expect(page.next).toBeUndefined();
  });

  it('is not shifted by decisions added between pages', () => {
    const first = store.decisions.page({}, undefined, 10);
    store.decisions.insert(decision({ id: 'new', createdAt: T0 + 99_000 }));
    const second = store.decisions.page({}, first.next, 10);
    expect(second.items.map((d) => d.id)).toEqual(expected(() => true).slice(10, 20));
  });

  it('refuses a page size out of range', () => {
    expect(() => store.decisions.page({}, undefined, 0)).toThrow('decisions page limit must be an integer from 1 to 500, got 0');
  });
});
