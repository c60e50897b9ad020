import { DECISION_WINDOW_DAYS, EVIDENCE_DAYS, evidenceOf, type Proposal, type ReviewContext } from '../proposal';
import { stepReasoning, type StepFacts } from './reasoning';
import { marginalReturn, stepBudget, type Step, type StepBasis, type StepBounds } from './step';

/** A campaign's budget step as its review set it up, data only: what a raise is made again from when it must be smaller. */
export interface BudgetStep {
  agentName: string;
  /** What bounded the plan, in words. */
  limitedBy: string;
  basis: StepBasis;
}

/** What turning a step into a proposal reads: the agent's models, its calibration and what it observed. */
export type StepReader = Pick<ReviewContext, 'models' | 'observer' | 'calibrator'>;

/** The step as a proposal, with its reasoning and the metrics recorded with it; undefined when no step is worth taking. */
export function stepProposal(ctx: StepReader, made: BudgetStep, bounds?: StepBounds): Proposal | undefined {
  const { basis } = made;
  const { campaign, day } = basis;
  const current = campaign.dailyBudget;
  const model = ctx.models.get(campaign.id)!;
  const step = stepBudget(basis, { model, calibrator: ctx.calibrator }, bounds);
  if (!step) return undefined;
  const metrics = {
    budget: current,
    plannedSpend: basis.target,
    marginalReturn: marginalReturn(basis, current),
    planPrice: basis.price,
    limitedBy: made.limitedBy,
    fit: model.summary(),
    last7Days: ctx.observer.totals(campaign.id, ctx.observer.zone.addLocalDays(day, -EVIDENCE_DAYS), day),
  };
  const evidenceConversions = evidenceOf({ observer: ctx.observer, now: day }, campaign.id);
  const reasoning = stepReasoning(factsOf(made, step));
  if (step.kind === 'pause') {
    return {
      agentName: made.agentName,
      campaign,
      change: { kind: 'status', campaignId: campaign.id, status: 'paused' },
      before: { kind: 'status', status: 'active' },
      after: { kind: 'status', status: 'paused' },
      reasoning,
      prediction: step.prediction,
      raw: step.raw,
      confidence: step.confidence,
      evidenceConversions,
      metrics,
    };
  }
  return {
    agentName: made.agentName,
    campaign,
    change: { kind: 'budget', campaignId: campaign.id, dailyBudget: step.next },
    before: { kind: 'budget', dailyBudget: current },
    after: { kind: 'budget', dailyBudget: step.next },
    reasoning,
    prediction: step.prediction,
    raw: step.raw,
    confidence: step.confidence,
    raise: step.raising ? made : undefined,
    evidenceConversions,
    metrics: step.raiseBias === undefined ? metrics : { ...metrics, raiseBias: step.raiseBias },
  };
}

/**
 * The raise made again with its budget at most `budget` (prediction and reasoning redone), if
 * still worth making; `short`: how far the agent's budgets now fall short of its spend goal.
 */
export function resizeRaise(ctx: StepReader, raise: BudgetStep, budget: number, short: number): Proposal | undefined {
  return stepProposal(ctx, { ...raise, basis: { ...raise.basis, cap: Math.min(raise.basis.cap, budget) } }, { short });
}

function factsOf({ basis, limitedBy }: BudgetStep, step: Step): StepFacts {
  const plan = { objective: basis.objective, price: basis.price, limitedBy, current: basis.campaign.dailyBudget, days: DECISION_WINDOW_DAYS };
  if (step.kind === 'pause') {
    return { kind: 'pause', ...plan, lower: basis.curve.lower, marginalAtLower: marginalReturn(basis, basis.curve.lower), givenUp: step.givenUp };
  }
  return {
    kind: 'budget',
    ...plan,
    next: step.next,
    target: basis.target,
    raising: step.raising,
    forSpendGoal: step.forSpendGoal,
    gap: step.gap,
    capped: basis.cap < basis.target,
    marginalAtCurrent: marginalReturn(basis, plan.current),
    path: step.path,
    prediction: step.prediction,
    objectiveAfter: step.objective.after,
    objectiveBefore: step.objective.before,
  };
}
