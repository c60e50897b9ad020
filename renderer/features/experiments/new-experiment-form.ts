import { DEFAULT_DETECTABLE_LIFT, DEFAULT_EXPERIMENT_DAYS, DEFAULT_PRE_PERIOD_DAYS } from '@shared/domain/experiment';
import type { RequestOf } from '@shared/ipc/contract';
import { IpcCallError } from '@renderer/ipc/client';

/** What the "New experiment" dialog asks for, as typed: numbers stay text until the form is read. */
export interface ExperimentDraft {
  name: string;
  campaignIds: string[];
  agentIds: string[];
  durationDays: string;
  preDays: string;
  /** The lift to detect in percent, as people say it: "15" is +15%. */
  liftPercent: string;
  /** Empty for a split the host draws at random. */
  seed: string;
}

export type DraftField = keyof ExperimentDraft;
export type PlanRequest = RequestOf<'experiments.plan'>;

/** Problems by field, and those that name none. */
export interface DraftProblems {
  fields: Partial<Record<DraftField, string>>;
  form?: string;
}

export const NO_PROBLEMS: DraftProblems = { fields: {} };

export const initialDraft = (): ExperimentDraft => ({
  name: '',
  campaignIds: [],
  agentIds: [],
  durationDays: String(DEFAULT_EXPERIMENT_DAYS),
  preDays: String(DEFAULT_PRE_PERIOD_DAYS),
  liftPercent: String(Math.round(DEFAULT_DETECTABLE_LIFT * 100)),
  seed: '',
});

/** The list with `id` in it or out of it, in the order the ids were picked. */
export const toggled = (ids: readonly string[], id: string, on: boolean): string[] => (on ? [...ids.filter((i) => i !== id), id] : ids.filter((i) => i !== id));

/** A whole number typed in the field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

function inRange(text: string, low: number, high: number, what: string): { value?: number; problem?: string } {
  const value = wholeNumber(text);
  if (value === undefined || value < low || value > high) return { problem: `${what} is a whole number of days from ${low} to ${high}.` };
  return { value };
}

/**
 * The split the draft asks the host to plan, or what is wrong with it. The same limits as the
 * contract's, said beside each field before asking; the host checks again.
 */
export function readPlan(draft: ExperimentDraft): { request?: PlanRequest; problems: DraftProblems } {
  const fields: DraftProblems['fields'] = {};
  if (draft.campaignIds.length < 2) fields.campaignIds = 'Pick at least two comparable campaigns: half of them become the holdout.';
  if (draft.agentIds.length < 1) fields.agentIds = 'Pick the agents whose management the experiment tests.';
  const duration = inRange(draft.durationDays, 7, 365, 'The duration');
  const pre = inRange(draft.preDays, 7, 180, 'The pre-period');
  if (duration.problem) fields.durationDays = duration.problem;
  if (pre.problem) fields.preDays = pre.problem;
  const lift = Number(draft.liftPercent.trim());
  if (!draft.liftPercent.trim() || !Number.isFinite(lift) || lift <= 0 || lift > 500)
    fields.liftPercent = 'The lift to detect is a percentage above 0, at most 500.';
  const seed = draft.seed.trim() ? wholeNumber(draft.seed) : undefined;
  if (draft.seed.trim() && (seed === undefined || !Number.isSafeInteger(seed)))
    fields.seed = 'The seed is a whole number of 0 or more, or nothing for a random split.';
  if (Object.keys(fields).length > 0) return { problems: { fields } };
  return {
    request: {
      campaignIds: draft.campaignIds,
      agentIds: draft.agentIds,
      durationDays: duration.value,
      preDays: pre.value,
      detectableLift: lift / 100,
      ...(seed === undefined ? {} : { seed }),
    },
    problems: NO_PROBLEMS,
  };
}

/** What `experiments.create` is sent: the plan the person saw, its seed and day fixed so the split started is the one previewed. */
export function readCreate(
  draft: ExperimentDraft,
  previewed: { seed: number; startDate: string },
): { request?: RequestOf<'experiments.create'>; problems: DraftProblems } {
  const plan = readPlan(draft);
  const name = draft.name.trim();
  const fields = { ...plan.problems.fields, ...(name ? {} : { name: 'Give the experiment a name, such as what it tests.' }) };
  if (!plan.request || !name) return { problems: { fields } };
  return { request: { ...plan.request, seed: previewed.seed, startDate: previewed.startDate, name }, problems: NO_PROBLEMS };
}

/** Two plan requests ask for the same split: a preview stays good until one of them changes. */
export const samePlan = (a: PlanRequest | undefined, b: PlanRequest | undefined): boolean =>
  a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);

export const hasProblems = (problems: DraftProblems): boolean => Boolean(problems.form) || Object.values(problems.fields).some(Boolean);

/** The contract's names for the draft's fields, where they differ. */
const FIELD_OF_PATH: Record<string, DraftField> = {
  name: 'name',
  campaignIds: 'campaignIds',
  agentIds: 'agentIds',
  durationDays: 'durationDays',
  preDays: 'preDays',
  detectableLift: 'liftPercent',
  seed: 'seed',
};

/** Puts the host's refusal next to the field it names (IpcCallError.path), or above the form when it names none. */
export function problemsOf(error: unknown): DraftProblems {
  const message = error instanceof Error ? error.message : String(error);
  const root = error instanceof IpcCallError ? error.path?.split(/[.[]/, 1)[0] : undefined;
  const field = root === undefined ? undefined : FIELD_OF_PATH[root];
  return field ? { fields: { [field]: message } } : { fields: {}, form: message };
}
