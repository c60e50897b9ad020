import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@store/index';
import type { Goal } from '@shared/scenario/schema';
import { memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => (store = memoryStore()));
afterEach(() => store.close());

interface Def {
  name: string;
  priority: number;
}
const roas: Goal = { metric: 'roas', op: '>=', value: 4, per: 'day', window: 7 };
const cpa: Goal = { metric: 'cpa', op: '<=', value: 50, per: 'day', window: 7 };

describe('agents', () => {
  it('keeps the definition whole and its goals as rows', () => {
    const created = store.agents.create<Def>({ id: 'a1', name: 'Scaler', definition: { name: 'Scaler', priority: 2 }, goals: [roas, cpa] }, T0);
    expect(created).toEqual({ id: 'a1', name: 'Scaler', status: 'active', definition: { name: 'Scaler', priority: 2 }, createdAt: T0, updatedAt: T0 });
    expect(store.agents.get<Def>('a1')).toEqual(created);
    expect(store.agents.goals('a1')).toEqual([roas, cpa]);
  });

  it('replaces definition and goals together on update', () => {
    store.agents.create({ id: 'a1', name: 'Scaler', definition: { priority: 1 }, goals: [roas, cpa] }, T0);
    const updated = store.agents.update('a1', { name: 'Scaler v2', definition: { priority: 3 }, goals: [cpa] }, T0 + 10);
    expect(updated).toMatchObject({ name: 'Scaler v2', definition: { priority: 3 }, createdAt: T0, updatedAt: T0 + 10 });
    expect(store.agents.goals('a1')).toEqual([cpa]);
  });

  it('pauses and lists by status', () => {
    store.agents.create({ id: 'a1', name: 'One', definition: {}, goals: [] }, T0);
    store.agents.create({ id: 'a2', name: 'Two', definition: {}, goals: [] }, T0 + 1);
    expect(store.agents.setStatus('a1', 'paused', T0 + 5)).toMatchObject({ status: 'paused', updatedAt: T0 + 5 });
    expect(store.agents.list({ status: 'active' }).map((a) => a.id)).toEqual(['a2']);
    expect(store.agents.list().map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('refuses a second agent with the same name, and unknown ids', () => {
    store.agents.create({ id: 'a1', name: 'Scaler', definition: {}, goals: [] }, T0);
    expect(() => store.agents.create({ id: 'a2', name: 'Scaler', definition: {}, goals: [] }, T0)).toThrow('an agent named "Scaler" already exists');
    expect(() => store.agents.setStatus('zz', 'paused', T0)).toThrow('no agent with id zz');
    expect(() => store.agents.update('zz', { name: 'X', definition: {}, goals: [] }, T0)).toThrow('no agent with id zz');
    expect(store.agents.list()).toHaveLength(1);
  });

  it('writes nothing when a goal is invalid', () => {
    const bad = { ...roas, window: 0 };
    expect(() => store.agents.create({ id: 'a1', name: 'A', definition: {}, goals: [bad] }, T0)).toThrow(/goal_window_positive/);
    expect(store.agents.get('a1')).toBeUndefined();
  });
});
