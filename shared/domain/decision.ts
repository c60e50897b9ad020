import type { CampaignChange, ChangeKind } from './campaign';

/**
 * One action an agent wanted to take, from proposal to its settled end. Times are epoch
 * milliseconds, UTC.
 */

export const DECISION_STATES = ['proposed', 'pending', 'executed', 'failed', 'blocked', 'escalated', 'cancelled', 'undone'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

/**
 * The moves a decision may make. Write-ahead execution goes proposed → pending → executed or
 * failed; a person approving an escalated decision sends it to pending; `failed → pending` is a
 * retry under the same idempotency key; an undo is a new decision whose parent becomes `undone`.
 * `pending → blocked`: the guard runs again at the moment of execution, against the limits in
 * force then, and may refuse what it allowed when the decision was made or escalated; the
 * platform, too, may refuse the change itself (a policy, a value it does not take).
 */
export const DECISION_TRANSITIONS: Readonly<Record<DecisionState, readonly DecisionState[]>> = {
  proposed: ['pending', 'blocked', 'escalated', 'cancelled'],
  escalated: ['pending', 'cancelled'],
  pending: ['executed', 'failed', 'cancelled', 'blocked'],
  failed: ['pending'],
  executed: ['undone'],
  blocked: [],
  cancelled: [],
  undone: [],
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The value of one campaign setting: a CampaignChange without its campaign, e.g. `{ kind: 'budget', dailyBudget: 120 }`. */
export type ChangeValue = DistributiveOmit<CampaignChange, 'campaignId'>;
export type ChangeValueOf<K extends ChangeKind> = Extract<ChangeValue, { kind: K }>;

/** A setting's value in words, with amounts written by `money` (the engine's logs and the app format them differently). */
export function changeValueText(value: ChangeValue, money: (amount: number) => string): string {
  switch (value.kind) {
    case 'budget':
      return money(value.dailyBudget);
    case 'bid':
      return value.bid.strategy === 'max_cpc' ? `max CPC ${money(value.bid.amount)}` : 'lowest cost';
    case 'status':
      return value.status;
    case 'targeting':
      return `audience ${value.audienceId} ${value.enabled ? 'on' : 'off'}`;
    case 'creative':
      return `creative ${value.creativeId} ${value.enabled ? 'on' : 'off'}`;
  }
}

export const PREDICTION_METRICS = ['conversions', 'revenue', 'spend', 'roas', 'cpa', 'profit'] as const;
export type PredictionMetric = (typeof PREDICTION_METRICS)[number];

/** What the agent expected the change to bring about over the window that starts when it executes. */
export interface Prediction {
  metric: PredictionMetric;
  windowHours: number;
  point: number;
  low80: number;
  high80: number;
  /** The same metric's forecast had nothing changed, when the agent computed it. */
  baseline?: number;
}

interface DecisionFields {
  id: string;
  createdAt: number;
  agentId: string;
  campaignId: string;
  reasoning: string;
  /** 0..1, derived from the prediction's interval. */
  confidence: number;
  prediction: Prediction;
  /** The metrics the agent looked at, exactly as it saw them; its shape is the engine's. */
  metrics: unknown;
  state: DecisionState;
  idempotencyKey: string;
  approvedBy?: string;
  error?: string;
  executedAt?: number;
  /** Set on an undo: the decision it reverses. */
  parentDecisionId?: string;
}

/** The setting before and after, of the same kind as the decision. */
export type DecisionAction = {
  [K in ChangeKind]: { kind: K; before: ChangeValueOf<K>; after: ChangeValueOf<K> };
}[ChangeKind];

export type Decision = DecisionFields & DecisionAction;

/** The change to send to the platform for a decision: always its absolute target value. */
export function toCampaignChange(decision: Decision): CampaignChange {
  return { ...decision.after, campaignId: decision.campaignId } as CampaignChange;
}

/** A decision's prediction held against what happened once its window closed. */
export interface Outcome {
  decisionId: string;
  evaluatedAt: number;
  actual: number;
  /** actual − predicted point. */
  error: number;
  withinInterval: boolean;
  /** Whether the actual effect had the sign the prediction gave it against the baseline. */
  directionCorrect: boolean;
}
