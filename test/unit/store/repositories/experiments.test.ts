import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment } from '@shared/domain/experiment';
import type { NewExperiment, Store } from '@store/index';
import { connectionOf } from '@store/testing';
import { memoryStore, T0 } from '../fixtures';

let store: Store;
beforeEach(() => {
  store = memoryStore();
});
afterEach(() => store.close());

const HOUR = 3_600_000;

function assignment(treatment: string[], holdout: string[], seed = 7): Assignment {
  const totals = { spend: 100, revenue: 400, roas: 4 };
  return {
    seed,
    treatment,
    holdout,
    pairs: treatment.map((t, i) => ({ treatment: t, holdout: holdout[i] })),
    balance: { treatment: totals, holdout: totals, standardizedDiff: { spend: 0.05, roas: -0.1 } },
  };
}

function experiment(name: string, treatment: string[], holdout: string[], over: Partial<NewExperiment> = {}): NewExperiment {
  return {
    name,
    agentIds: ['a1'],
    assignment: assignment(treatment, holdout),
    startDate: '2026-01-05',
    endDate: '2026-03-05',
    durationDays: 60,
    preDays: 28,
    power: { lift: 0.15, daysNeeded: 41, note: 'about 41 days to tell +15% from none' },
    ...over,
  };
}

const kinds = () => store.audit.entries().map((e) => e.kind);

describe('experiments', () => {
  it('keeps an experiment as given, running, and lists the newest first', () => {
    const first = store.experiments.create(experiment('Q1 holdout', ['c1'], ['c2']), T0);
    expect(first).toEqual({ ...experiment('Q1 holdout', ['c1'], ['c2']), id: first.id, status: 'running', createdAt: T0 });
    const second = store.experiments.create(experiment('Search holdout', ['c3', 'c5'], ['c4', 'c6']), T0 + HOUR);
    expect(store.experiments.get(first.id)).toEqual(first);
    expect(store.experiments.list().map((e) => e.name)).toEqual(['Search holdout', 'Q1 holdout']);
    expect(store.experiments.running().map((e) => e.id)).toEqual([second.id, first.id]);
    expect(connectionOf(store).prepare('SELECT seed FROM experiments WHERE id = ?').pluck().get(first.id)).toBe(7);
    expect(store.experiments.get('nope')).toBeUndefined();
  });

  it('holds out the holdout campaigns of running experiments until their last day is over', () => {
    store.experiments.create(experiment('Q1 holdout', ['c1'], ['c2']), T0);
    const search = store.experiments.create(experiment('Search holdout', ['c3', 'c5'], ['c4', 'c6'], { endDate: '2026-02-01' }), T0);
    expect([...store.experiments.holdout('2026-01-05')]).toEqual([
      ['c4', 'Search holdout'],
      ['c6', 'Search holdout'],
      ['c2', 'Q1 holdout'],
    ]);
    // The end date is the last test day: held through it, released the day after.
    expect(store.experiments.holdout('2026-02-01').has('c4')).toBe(true);
    expect([...store.experiments.holdout('2026-02-02').keys()]).toEqual(['c2']);
    expect(store.experiments.finish(search.id, T0 + 30 * 24 * HOUR)).toMatchObject({ status: 'finished' });
    expect(store.experiments.finish(search.id, T0 + 31 * 24 * HOUR).status).toBe('finished');
    expect(store.audit.entries().filter((e) => e.kind === 'experiment.finished')).toHaveLength(1);
  });

  it('stops a running experiment with its reason, releasing its holdout; refuses to end one twice', () => {
    const created = store.experiments.create(experiment('Q1 holdout', ['c1'], ['c2']), T0);
    const stopped = store.experiments.stop(created.id, T0 + HOUR, '  the client changed the budget split  ');
    expect(stopped).toEqual({ ...created, status: 'stopped', stopped: { at: T0 + HOUR, reason: 'the client changed the budget split' } });
    expect(store.experiments.holdout('2026-01-05').size).toBe(0);
    expect(() => store.experiments.stop(created.id, T0 + 2 * HOUR, 'again')).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: "experiment 'Q1 holdout' is already stopped" }),
    );
    expect(store.experiments.finish(created.id, T0 + 2 * HOUR)).toEqual(stopped);
    expect(() => store.experiments.stop('nope', T0, 'why')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'no experiment with id nope' }));
    expect(() => store.experiments.stop(created.id, T0, ' ')).toThrow('say why the experiment stops');
  });

  it('records every start and end in the audit log, which still verifies', () => {
    const a = store.experiments.create(experiment('Q1 holdout', ['c1'], ['c2']), T0);
    const b = store.experiments.create(experiment('Search holdout', ['c3'], ['c4']), T0);
    store.experiments.stop(a.id, T0 + HOUR, 'budget moved');
    store.experiments.finish(b.id, T0 + 2 * HOUR);
    expect(kinds()).toEqual(['experiment.created', 'experiment.created', 'experiment.stopped', 'experiment.finished']);
    const [created, , stopped] = store.audit.entries();
    expect(created.subject).toBe(a.id);
    expect(JSON.parse(created.content)).toMatchObject({ name: 'Q1 holdout', assignment: { holdout: ['c2'], seed: 7 }, startDate: '2026-01-05' });
    expect(JSON.parse(stopped.content)).toEqual({ at: T0 + HOUR, reason: 'budget moved' });
    expect(store.audit.verify().ok).toBe(true);
  });

  it('refuses a campaign already in a running experiment, naming it; a stopped one frees it', () => {
    const q1 = store.experiments.create(experiment('Q1 holdout', ['c1'], ['c2']), T0);
    expect(() => store.experiments.create(experiment('Second', ['c3'], ['c1']), T0)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: "campaign c1 is already in the running experiment 'Q1 holdout'" }),
    );
    store.experiments.stop(q1.id, T0, 'done early');
    expect(store.experiments.create(experiment('Second', ['c3'], ['c1']), T0).status).toBe('running');
  });

  it('names what is wrong with an experiment and keeps nothing of it', () => {
    const bad = (over: Partial<NewExperiment>) => () => store.experiments.create(experiment('Bad', ['c1'], ['c2'], over), T0);
    expect(bad({ name: ' ' })).toThrow('an experiment needs a name');
    expect(bad({ agentIds: [] })).toThrow('experiment "Bad": names no agent');
    expect(bad({ assignment: assignment(['c1'], []) })).toThrow('needs a treatment and a holdout campaign at least');
    expect(bad({ assignment: assignment(['c1', 'c2'], ['c2']) })).toThrow('campaign c2 is in both groups');
    expect(bad({ assignment: assignment(['c1'], ['c2'], 1.5) })).toThrow('seed 1.5 is not an integer');
    expect(bad({ startDate: '5 Jan 2026' })).toThrow("startDate '5 Jan 2026' is not a date (YYYY-MM-DD)");
    expect(bad({ endDate: '2026-01-04' })).toThrow('ends (2026-01-04) before it starts (2026-01-05)');
    expect(bad({ preDays: 0 })).toThrow('preDays 0 is not a positive whole number of days');
    expect(bad({ power: { lift: 0.15, daysNeeded: Number.NaN as unknown as null, note: '' } })).toThrow('power.daysNeeded: NaN is not a finite number');
    expect(store.experiments.list()).toEqual([]);
    expect(kinds()).toEqual([]);
  });
});
