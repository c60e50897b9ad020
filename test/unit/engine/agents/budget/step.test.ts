import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentMind } from '@engine/agents/agent-mind';
import { budgetStepOf } from '@engine/agents/budget/basis';
import { MIN_FILL_MOVE, MIN_MOVE, stepBudget, type BudgetMove, type StepBasis, type StepForecast } from '@engine/agents/budget/step';
import type { Plan, PlanUnit } from '@engine/agents/planner';
import type { AppliedChange } from '@engine/guardrails/types';
import { HOUR_MS } from '@shared/time';
import { campaign, NOW } from '../review-fixture';
import { budgetReview, roasAgent, twoCampaignMind, twoCampaigns } from './budget-fixture';

const unit: PlanUnit = {
  campaignId: 'b',
  maxConversions: 180,
  halfSaturationSpend: 4000,
  orderValue: 50,
  lower: 10,
  upper: Number.POSITIVE_INFINITY,
  canPause: true,
};

function basis(over: Partial<StepBasis> = {}): StepBasis {
  return {
    campaign: campaign('b'),
    objective: 'revenue',
    day: NOW,
    target: 2400,
    curve: unit,
    price: 0.9,
    limits: { down: 800, up: 1200 },
    dailyStep: 0.2,
    gap: 0,
    reverses: { raise: false, cut: false },
    raiseBias: 1,
    cap: Number.POSITIVE_INFINITY,
    overspend: 1,
    ...over,
  };
}

describe('the budget step', () => {
  let mind: AgentMind;
  let forecast: StepForecast;
  beforeAll(async () => {
    mind = await twoCampaignMind();
    forecast = { model: mind.models.get('b')!, calibrator: mind.calibrator };
  });
  const move = (over: Partial<StepBasis> = {}, bounds = {}) => stepBudget(basis(over), forecast, bounds) as BudgetMove | undefined;

  it('steps toward the plan no farther than the limits, in cents', () => {
    expect(move()).toMatchObject({ kind: 'budget', next: 1200, raising: true });
    expect(move({ limits: { down: 900, up: 1100 } })?.next).toBe(1100);
    expect(move({ target: 1150 })?.next).toBe(1150);
    expect(move({ target: 400 })).toMatchObject({ next: 800, raising: false });
    expect(move({ target: 400, curve: { ...unit, lower: 850 } })?.next).toBe(850);
  });

  it('raises no higher than the room a spend limit leaves, and cuts no lower than a floor', () => {
    expect(move({ cap: 1130.555 })?.next).toBe(1130.55);
    expect(move({ target: 400 }, { floor: 900 })?.next).toBe(900);
    // A floor that leaves less than a move worth making leaves no step.
    expect(move({ target: 400 }, { floor: 950 })).toBeUndefined();
  });

  it('follows the plan one daily step at a time over the window', () => {
    const raise = move()!;
    expect(raise.path.map((x) => Math.round(x * 100) / 100)).toEqual([1200, 1440, 1728]);
    expect(move({ target: 1300 })!.path).toEqual([1200, 1300, 1300]);
  });

  it('takes no step smaller than MIN_MOVE for the objective', () => {
    expect(move({ target: 1000 * (1 + MIN_MOVE) - 1 })).toBeUndefined();
    expect(move({ target: 1000 * (1 - MIN_MOVE) + 1 })).toBeUndefined();
    expect(move({ target: 1000 * (1 + MIN_MOVE) })?.next).toBe(1100);
  });

  it('makes a small raise toward a spend goal the budgets fall short of, judged on spend', () => {
    const fill = move({ target: 1050, gap: 50 })!;
    expect(fill).toMatchObject({ next: 1050, raising: true, forSpendGoal: true, gap: 50, raiseBias: undefined });
    expect(fill.prediction).toEqual({ metric: 'spend', windowHours: 72, point: 3150, low80: 3150 * 0.9, high80: 3150, baseline: 3000 });
    // Where the platform has lately spent 1.4× this budget on a day, the window's spend may run as high.
    expect(move({ target: 1050, gap: 50, overspend: 1.4 })!.prediction).toMatchObject({ point: 3150, high80: 3150 * 1.4 });
    expect(move({ target: 1000 * (1 + MIN_FILL_MOVE) - 1, gap: 50 })).toBeUndefined();
    // Made again at the room left, a raise toward the goal is worth any size.
    expect(move({ target: 1000 * (1 + MIN_FILL_MOVE) - 1, gap: 50 }, { short: 50 })?.next).toBe(1009);
    expect(move({ target: 1200, gap: 50 })).toMatchObject({ next: 1200, forSpendGoal: false });
  });

  it('does not move a budget back against a move whose outcome is not known yet', () => {
    expect(move({ reverses: { raise: true, cut: false } })).toBeUndefined();
    expect(move({ target: 400, reverses: { raise: true, cut: false } })?.next).toBe(800);
    expect(move({ target: 400, reverses: { raise: false, cut: true } })).toBeUndefined();
  });

  it('judges a raise on the objective, scaled by the raises’ own bias, and a cut on efficiency', () => {
    const raise = move()!;
    expect(raise.prediction.metric).toBe('revenue');
    expect(raise.prediction.point).toBe(raise.objective.after);
    expect(raise.prediction.baseline).toBe(raise.objective.before);
    expect(raise.raw.metric).toBe('revenue');
    const biased = move({ raiseBias: 0.8 })!;
    expect(biased.raiseBias).toBe(0.8);
    expect(biased.prediction.point).toBeCloseTo(raise.prediction.point * 0.8, 9);
    expect(biased.prediction.baseline).toBeCloseTo(raise.prediction.baseline! * 0.8, 9);

    const cut = move({ target: 400 })!;
    const spend = cut.path.reduce((s, x) => s + x, 0);
    expect(cut.prediction.metric).toBe('roas');
    expect(cut.prediction.point).toBeCloseTo(cut.objective.after / spend, 9);
    expect(cut.prediction.baseline).toBeCloseTo(cut.objective.before / 3000, 9);
    expect(cut.raiseBias).toBeUndefined();
    expect(move({ target: 400, objective: 'conversions' })!.prediction.metric).toBe('cpa');
  });

  it('pauses only when the forecast is sure the campaign returns less than the plan’s price at its minimum', () => {
    const pause = stepBudget(basis({ target: 0, price: 1e6 }), forecast);
    expect(pause).toMatchObject({
      kind: 'pause',
      prediction: { metric: 'revenue', windowHours: 72, point: 0, low80: 0, high80: 0 },
      raw: { metric: 'revenue', point: 0, low80: 0, high80: 0 },
    });
    expect(pause?.kind === 'pause' && pause.prediction.baseline).toBe(pause?.kind === 'pause' && pause.givenUp.point);
    expect(pause!.confidence).toBeGreaterThan(0.9);
    // Unsure: the largest cut instead.
    expect(move({ target: 0, price: 0 })).toMatchObject({ kind: 'budget', next: 800 });
  });
});

describe('a step’s basis, read off the review', () => {
  let mind: AgentMind;
  beforeAll(async () => {
    mind = await twoCampaignMind();
  });
  const plan: Plan = { targets: new Map([['b', 2400]]), totals: { spend: 0, conversions: 0, revenue: 0 }, price: 0.9, limitedBy: 'ROAS ≥ 1.5', atRisk: [] };
  const [, b] = twoCampaigns();
  const basisOf = (over: Parameters<typeof budgetReview>[2] = {}, c = b) => budgetStepOf(budgetReview(mind, twoCampaigns(), over), c, unit, plan, 0).basis;
  const raised = (hoursAgo: number, from: number): AppliedChange => ({
    campaignId: 'b',
    setting: 'budget',
    at: NOW - hoursAgo * HOUR_MS,
    before: { kind: 'budget', dailyBudget: from },
    after: { kind: 'budget', dailyBudget: 1000 },
  });

  it('limits a step by maxBudgetChangePct, halved while volatile', () => {
    expect(basisOf().limits).toEqual({ down: 800, up: 1200 });
    expect(basisOf({ agent: roasAgent({ constraints: { maxBudgetChangePct: 30 } }) }).limits).toEqual({ down: 700, up: 1300 });
    expect(basisOf({ volatile: true }).limits).toEqual({ down: 900, up: 1100 });
    expect(basisOf().dailyStep).toBe(0.2);
  });

  it('lets a raise double a budget and more, but never cuts a budget to nothing in one step', () => {
    expect(basisOf({ agent: roasAgent({ constraints: { maxBudgetChangePct: 150 } }) }).limits).toEqual({ down: 10, up: 2500 });
  });

  it('limits a step by a policy’s daily limit, counted from the budget a day ago', () => {
    const policies = [{ id: 'p', rule: 'maxBudgetChangePctPerDay' as const, value: 10 }];
    expect(basisOf({ policies }).limits).toEqual({ down: 900, up: 1100 });
    expect(basisOf({ policies, history: [raised(5, 950)] }).limits).toEqual({ down: 855, up: 1045 });
    expect(basisOf({ policies, volatile: true }).limits).toEqual({ down: 950, up: 1050 });
  });

  it('knows which way a move would reverse one still in its window', () => {
    expect(basisOf().reverses).toEqual({ raise: false, cut: false });
    expect(basisOf({ history: [raised(70, 900)] }).reverses).toEqual({ raise: false, cut: true });
    expect(basisOf({ history: [raised(73, 900)] }).reverses).toEqual({ raise: false, cut: false });
  });

  it('takes the plan’s target, or the budget as it is when the plan has none', () => {
    expect(basisOf()).toMatchObject({ target: 2400, price: 0.9, day: NOW, objective: 'revenue', raiseBias: 1, cap: Number.POSITIVE_INFINITY });
    expect(basisOf({}, campaign('c', { dailyBudget: 500 })).target).toBe(500);
    expect(basisOf({ agent: roasAgent({ objective: 'conversions' }) }).objective).toBe('conversions');
  });
});
