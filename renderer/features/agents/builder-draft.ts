import type { AgentDefinition } from '@shared/scenario/schema';

/** The builder's form as typed: numbers stay text until validation, so a half-typed value is never lost. */
export interface GoalDraft {
  metric: string;
  op: string;
  value: string;
  per: string;
  window: string;
}

export const CONSTRAINT_FIELDS = [
  { key: 'maxBudgetChangePct', label: 'Max budget change per action (%)', hint: 'default 20' },
  { key: 'minDailyBudget', label: 'Min daily budget per campaign', hint: 'default: the platform minimum' },
  { key: 'maxDailyBudget', label: 'Max daily budget per campaign', hint: 'default: none' },
  { key: 'maxDailySpend', label: 'Max daily spend, all its campaigns', hint: 'default: none' },
  { key: 'cooldownHours', label: 'Cooldown between changes (hours)', hint: 'default 24' },
  { key: 'minConversionsToAct', label: 'Min conversions to act', hint: 'default 10' },
  { key: 'minConfidence', label: 'Min confidence (0–1)', hint: 'below it, you approve; default 0.6' },
  { key: 'approvalAboveBudgetChange', label: 'Approval above a budget change of', hint: 'default: none' },
] as const;
export type ConstraintKey = (typeof CONSTRAINT_FIELDS)[number]['key'];

export const ACTIONS = ['budget', 'bid', 'status', 'targeting', 'creative'] as const;

export interface Draft {
  name: string;
  role: string;
  priority: string;
  allCampaigns: boolean;
  campaigns: string[];
  objective: string;
  goals: GoalDraft[];
  constraints: Record<ConstraintKey, string>;
  actions: string[];
  holdBudgetWhileLearning: boolean;
}

export const emptyConstraints = (): Record<ConstraintKey, string> =>
  Object.fromEntries(CONSTRAINT_FIELDS.map((f) => [f.key, ''])) as Record<ConstraintKey, string>;

export const emptyDraft = (): Draft => ({
  name: '',
  role: 'custom',
  priority: '1',
  allCampaigns: true,
  campaigns: [],
  objective: 'revenue',
  goals: [],
  constraints: emptyConstraints(),
  actions: [...ACTIONS],
  holdBudgetWhileLearning: false,
});

const number = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The definition the draft stands for, as raw JSON for the shared validator to judge (and name every problem of). */
export function toDefinition(draft: Draft): Record<string, unknown> {
  const constraints: Record<string, unknown> = { actions: draft.actions };
  for (const { key } of CONSTRAINT_FIELDS) {
    const value = number(draft.constraints[key]);
    if (value !== undefined) constraints[key] = value;
  }
  // Written only when on: an agent without it reads as before.
  if (draft.holdBudgetWhileLearning) constraints.holdBudgetWhileLearning = true;
  return {
    name: draft.name.trim(),
    role: draft.role,
    ...(number(draft.priority) === undefined ? {} : { priority: number(draft.priority) }),
    campaigns: draft.allCampaigns ? '*' : draft.campaigns,
    objective: draft.objective,
    goals: draft.goals.map((g) => ({ metric: g.metric, op: g.op, value: number(g.value), per: g.per, window: number(g.window) })),
    constraints,
    status: 'paused',
  };
}

/** A saved or imported agent back into the form, e.g. to start a new agent from it. */
export function fromDefinition(definition: AgentDefinition): Draft {
  const constraints = emptyConstraints();
  for (const { key } of CONSTRAINT_FIELDS) {
    const value = definition.constraints[key];
    if (value !== undefined) constraints[key] = String(value);
  }
  return {
    name: definition.name,
    role: definition.role,
    priority: String(definition.priority),
    allCampaigns: definition.campaigns === '*',
    campaigns: definition.campaigns === '*' ? [] : [...definition.campaigns],
    objective: definition.objective,
    goals: definition.goals.map((g) => ({ metric: g.metric, op: g.op, value: String(g.value), per: g.per, window: String(g.window) })),
    constraints,
    actions: [...definition.constraints.actions],
    holdBudgetWhileLearning: definition.constraints.holdBudgetWhileLearning === true,
  };
}
