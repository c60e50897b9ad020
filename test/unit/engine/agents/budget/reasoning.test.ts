import { describe, expect, it } from 'vitest';
import { keepReasoning, stepReasoning, unsureReasoning, type MoveFacts } from '@engine/agents/budget/reasoning';

const plan = { objective: 'revenue' as const, price: 0.86, limitedBy: 'ROAS ≥ 1.5', current: 1000, days: 3 };

const cut: MoveFacts = {
  kind: 'budget',
  ...plan,
  next: 800,
  target: 600,
  raising: false,
  forSpendGoal: false,
  gap: 0,
  capped: false,
  marginalAtCurrent: 0.63,
  path: [800, 640, 600],
  prediction: { metric: 'roas', windowHours: 72, point: 2.712, low80: 2.294, high80: 3.149, baseline: 2.319 },
  objectiveAfter: 6493.8,
  objectiveBefore: 6958.2,
};

const raise: MoveFacts = {
  kind: 'budget',
  ...plan,
  next: 1200,
  target: 2437.33,
  raising: true,
  forSpendGoal: false,
  gap: 0,
  capped: false,
  marginalAtCurrent: 1.394,
  path: [1200, 1440, 1728],
  prediction: { metric: 'revenue', windowHours: 72, point: 7149.58, low80: 6187.32, high80: 8146.94, baseline: 5326 },
  objectiveAfter: 7149.58,
  objectiveBefore: 5326,
};

describe('budget reasoning', () => {
  it('explains a cut: the step, why the plan wants it, and the efficiency it buys beside the objective', () => {
    expect(stepReasoning(cut)).toBe(
      'Cut daily budget 1,000 → 800 (-20%): at 1,000/day each extra unit of spend returns 0.63 in revenue, below the 0.86 at which the plan balances ' +
        "the agent's campaigns (bounded by ROAS ≥ 1.5). The plan puts it at 600/day, reached in daily steps (800 → 640 → 600). " +
        'Forecast ROAS over the next 3 days on that path: 2.71 (80%: 2.29–3.15) against 2.32 unchanged; revenue 6,494 against 6,958.',
    );
  });

  it('explains a raise, judged on the objective alone', () => {
    expect(stepReasoning(raise)).toBe(
      'Raise daily budget 1,000 → 1,200 (+20%): at 1,000/day each extra unit of spend returns 1.39 in revenue, above the 0.86 at which the plan balances ' +
        "the agent's campaigns (bounded by ROAS ≥ 1.5). The plan puts it at 2,437/day, reached in daily steps (1,200 → 1,440 → 1,728). " +
        'Forecast revenue over the next 3 days on that path: 7,150 (80%: 6,187–8,147) against 5,326 unchanged.',
    );
  });

  it('says when a raise stops at the room a spend limit leaves, or is made for a spend goal', () => {
    expect(stepReasoning({ ...raise, next: 1150, capped: true, path: [1150, 1380, 1656] })).toMatch(
      /^Raise daily budget 1,000 → 1,150 \(\+15%\), as far as the spend limits leave room: at 1,000\/day /,
    );
    const fill: MoveFacts = {
      ...raise,
      next: 1050,
      target: 1050,
      forSpendGoal: true,
      gap: 50,
      path: [1050, 1050, 1050],
      prediction: { metric: 'spend', windowHours: 72, point: 3150, low80: 2835, high80: 3150, baseline: 3000 },
      objectiveAfter: 5400,
      objectiveBefore: 5326,
    };
    expect(stepReasoning(fill)).toBe(
      "Raise daily budget 1,000 → 1,050 (+5%), toward the spend goal the agent's budgets fall 50/day short of: at 1,000/day each extra unit of spend returns 1.39 in revenue, " +
        "above the 0.86 at which the plan balances the agent's campaigns (bounded by ROAS ≥ 1.5). The plan puts it at 1,050/day. " +
        'Forecast spend over the next 3 days on that path: 3,150 (80%: 2,835–3,150) against 3,000 unchanged; revenue 5,400 against 5,326.',
    );
  });

  it('shows cost per conversion as a ratio for a conversions objective', () => {
    const conversions: MoveFacts = {
      ...cut,
      objective: 'conversions',
      prediction: { metric: 'cpa', windowHours: 72, point: 24.5, low80: 21.25, high80: 29, baseline: 27.125 },
      objectiveAfter: 98,
      objectiveBefore: 110.6,
    };
    expect(stepReasoning(conversions)).toMatch(
      /returns 0\.63 in conversions, below .* Forecast cost per conversion over the next 3 days on that path: 24\.50 \(80%: 21\.25–29\.00\) against 27\.13 unchanged; conversions 98 against 111\.$/,
    );
  });

  it('explains a pause by the marginal return at the minimum budget and what pausing gives up', () => {
    expect(stepReasoning({ kind: 'pause', ...plan, lower: 100, marginalAtLower: 0.41, givenUp: { point: 4112.4, low80: 2958, high80: 5359.1 } })).toBe(
      'Pause: even at its minimum budget of 100 the campaign returns less than it costs the plan — its marginal revenue per unit of spend is 0.41 at best, ' +
        'below the 0.86 every kept campaign earns (plan bounded by ROAS ≥ 1.5). Pausing saves 3,000 of spend and gives up the forecast revenue over the next 3 days: ' +
        '4,112 (80%: 2,958–5,359).',
    );
  });

  it('explains a keep and an unsure move held back', () => {
    expect(keepReasoning({ kind: 'held', name: 'Search', budget: 1000, limitedBy: 'ROAS ≥ 1.5', target: 1400 })).toBe(
      'keeps Search at 1,000/day for now: its plan (bounded by ROAS ≥ 1.5) wants it at 1,400/day',
    );
    expect(keepReasoning({ kind: 'close', name: 'Search', budget: 1000, limitedBy: 'ROAS ≥ 1.5' })).toBe(
      'keeps Search at 1,000/day: its plan (bounded by ROAS ≥ 1.5) puts it within 10% of that',
    );
    expect(unsureReasoning(0.55, 0.04)).toBe("the plan's move is unsure (confidence 0.55) and small (+4%): not worth a person's time yet");
  });
});
