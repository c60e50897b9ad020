import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alreadyInExperiment, type Assignment, type ExperimentStatus, type Holdout, type PowerEstimate } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';
import { fromJson, toJson } from '../json';
import { experiments } from '../schema';
import type { Handles } from './handles';

/** A holdout experiment as kept: dates are the account's local dates 'YYYY-MM-DD'. */
export interface Experiment {
  id: string;
  name: string;
  status: ExperimentStatus;
  createdAt: number;
  agentIds: string[];
  assignment: Assignment;
  /** The first test day; the pre-period is the `preDays` local days before it. */
  startDate: string;
  /** The last test day, inclusive: the experiment finishes once it is over. */
  endDate: string;
  durationDays: number;
  preDays: number;
  /** When a person stopped it before its end, and why. */
  stopped?: { at: number; reason: string };
  power: PowerEstimate;
}

export type NewExperiment = Omit<Experiment, 'id' | 'status' | 'createdAt' | 'stopped'> & { id?: string };

export interface ExperimentRepository {
  /** Starts an experiment at `at`; CONFLICT naming the running experiment that already has one of its campaigns. */
  create(experiment: NewExperiment, at: number): Experiment;
  /** Newest first. */
  list(): Experiment[];
  get(id: string): Experiment | undefined;
  running(): Experiment[];
  /** Ends a running experiment early; NOT_FOUND, or CONFLICT when it is not running. */
  stop(id: string, at: number, reason: string): Experiment;
  /** Ends a running experiment whose last day is over; one already ended (by another host on the file, say) is left as it is. */
  finish(id: string, at: number): Experiment;
  /** The holdout campaigns of the experiments running on the local date `today` (one past its end date holds nothing). */
  holdout(today: string): Holdout;
}

type ExperimentRow = typeof experiments.$inferSelect;

/** Newest first; two started within one millisecond (a fast or a manual clock) in the order they were made. */
const NEWEST_FIRST = [desc(experiments.createdAt), desc(sql`rowid`)];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toExperiment(row: ExperimentRow): Experiment {
  const where = `experiment ${row.id}`;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    createdAt: row.createdAt,
    agentIds: fromJson<string[]>(row.agentIds, `${where} agents`),
    assignment: fromJson<Assignment>(row.assignment, `${where} assignment`),
    startDate: row.startDate,
    endDate: row.endDate,
    durationDays: row.durationDays,
    preDays: row.preDays,
    ...(row.status === 'stopped' && row.endedAt !== null && row.stopReason !== null ? { stopped: { at: row.endedAt, reason: row.stopReason } } : {}),
    power: fromJson<PowerEstimate>(row.power, `${where} power`),
  };
}

/** What the schema's checks would also refuse, said in words that name the field. */
function checkNew(e: NewExperiment): void {
  const bad = (path: string, message: string) => new AcmError('INVALID_INPUT', `experiment ${JSON.stringify(e.name)}: ${message}`, { path });
  if (e.name.trim() === '') throw new AcmError('INVALID_INPUT', 'an experiment needs a name', { path: 'name' });
  if (e.agentIds.length === 0) throw bad('agentIds', 'names no agent');
  const { treatment, holdout, seed } = e.assignment;
  if (treatment.length === 0 || holdout.length === 0) throw bad('assignment', 'needs a treatment and a holdout campaign at least');
  const shared = treatment.find((id) => holdout.includes(id));
  if (shared !== undefined) throw bad('assignment', `campaign ${shared} is in both groups`);
  if (!Number.isSafeInteger(seed)) throw bad('assignment.seed', `seed ${seed} is not an integer`);
  for (const [path, date] of [
    ['startDate', e.startDate],
    ['endDate', e.endDate],
  ] as const) {
    if (!DATE.test(date)) throw bad(path, `${path} '${date}' is not a date (YYYY-MM-DD)`);
  }
  if (e.endDate < e.startDate) throw bad('endDate', `ends (${e.endDate}) before it starts (${e.startDate})`);
  for (const path of ['durationDays', 'preDays'] as const) {
    if (!Number.isInteger(e[path]) || e[path] < 1) throw bad(path, `${path} ${e[path]} is not a positive whole number of days`);
  }
}

export function createExperimentRepository({ sqlite, db, audit }: Handles): ExperimentRepository {
  const runningRows = () =>
    db
      .select()
      .from(experiments)
      .where(eq(experiments.status, 'running'))
      .orderBy(...NEWEST_FIRST)
      .all();

  function mustGet(id: string): Experiment {
    const row = db.select().from(experiments).where(eq(experiments.id, id)).get();
    if (!row) throw new AcmError('NOT_FOUND', `no experiment with id ${id}`);
    return toExperiment(row);
  }

  /** Moves a running experiment to `status`, with its audit entry, in one transaction. */
  function end(id: string, at: number, status: 'stopped' | 'finished', reason?: string): Experiment {
    return sqlite.transaction(() => {
      const before = mustGet(id);
      if (before.status !== 'running') throw new AcmError('CONFLICT', `experiment '${before.name}' is already ${before.status}`);
      db.update(experiments)
        .set({ status, endedAt: at, stopReason: reason ?? null })
        .where(and(eq(experiments.id, id), eq(experiments.status, 'running')))
        .run();
      const content = toJson(reason === undefined ? { at } : { at, reason }, `experiment ${id} end`);
      audit.append({ kind: status === 'stopped' ? 'experiment.stopped' : 'experiment.finished', subject: id, content });
      return mustGet(id);
    })();
  }

  return {
    create(experiment, at) {
      checkNew(experiment);
      const id = experiment.id ?? randomUUID();
      const where = `experiment ${JSON.stringify(experiment.name)}`;
      const row = {
        id,
        name: experiment.name,
        status: 'running' as const,
        createdAt: at,
        agentIds: toJson(experiment.agentIds, `${where} agents`),
        seed: experiment.assignment.seed,
        assignment: toJson(experiment.assignment, `${where} assignment`),
        startDate: experiment.startDate,
        endDate: experiment.endDate,
        durationDays: experiment.durationDays,
        preDays: experiment.preDays,
        power: toJson(experiment.power, `${where} power`),
      };
      // Checked and written under one write lock: two operators cannot both hold out one campaign.
      return sqlite
        .transaction(() => {
          const conflict = alreadyInExperiment([...experiment.assignment.treatment, ...experiment.assignment.holdout], runningRows().map(toExperiment));
          if (conflict) throw conflict;
          db.insert(experiments).values(row).run();
          const stored = mustGet(id);
          audit.append({ kind: 'experiment.created', subject: id, content: toJson(stored, `experiment ${id}`) });
          return stored;
        })
        .immediate();
    },
    list: () =>
      db
        .select()
        .from(experiments)
        .orderBy(...NEWEST_FIRST)
        .all()
        .map(toExperiment),
    get(id) {
      const row = db.select().from(experiments).where(eq(experiments.id, id)).get();
      return row && toExperiment(row);
    },
    running: () => runningRows().map(toExperiment),
    stop(id, at, reason) {
      if (reason.trim() === '') throw new AcmError('INVALID_INPUT', 'say why the experiment stops', { path: 'reason' });
      return end(id, at, 'stopped', reason.trim());
    },
    finish(id, at) {
      const experiment = mustGet(id);
      return experiment.status === 'running' ? end(id, at, 'finished') : experiment;
    },
    holdout(today) {
      const held = new Map<string, string>();
      for (const row of runningRows()) {
        if (row.endDate < today) continue;
        for (const campaignId of fromJson<Assignment>(row.assignment, `experiment ${row.id} assignment`).holdout) held.set(campaignId, row.name);
      }
      return held;
    },
  };
}
