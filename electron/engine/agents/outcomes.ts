import type { Decision, PredictionMetric } from '@shared/domain/decision';
import type { Records } from '../ports/records';
import type { RawForecast } from './proposal';
import { HOUR_MS } from '@shared/time';
import type { AgentMind } from './agent-mind';

/** Conversions keep being reported after a window closes: its outcome is judged this much later. */
export const SETTLE_DAYS = 2;
/** Below this expected completeness an outcome is not judged yet, whatever the calendar says. */
const MIN_COMPLETENESS = 0.9;

/**
 * Evaluate and learn (step 8): when a decision's window has closed and settled, its actual
 * outcome is stored beside the prediction, and the model's raw forecast error recalibrates the
 * agent's later forecasts (bias and interval width).
 */
export function evaluateOutcomes(mind: AgentMind, store: Pick<Records, 'decisions' | 'outcomes'>, now: number): void {
  for (const id of mind.openDecisions) {
    const decision = store.decisions.get(id);
    if (!decision || decision.state !== 'executed' || decision.executedAt === undefined) {
      mind.openDecisions.delete(id);
      continue;
    }
    // The window opens at the local midnight of the day the change was made and runs whole local days.
    const zone = mind.zone;
    const from = zone.startOfDay(decision.executedAt);
    const { windowHours } = decision.prediction;
    const to = windowHours % 24 === 0 ? zone.addLocalDays(from, windowHours / 24) : from + windowHours * HOUR_MS;
    if (now < zone.addLocalDays(to, SETTLE_DAYS)) continue;
    const { completeness, ...final } = mind.observer.finalTotals(decision.campaignId, from, to, now);
    if (completeness < MIN_COMPLETENESS) continue;
    record(mind, store, decision, actualOf(decision.prediction.metric, final), final, now);
    mind.openDecisions.delete(id);
  }
}

interface WindowTotals {
  spend: number;
  conversions: number;
  revenue: number;
}

function actualOf(metric: PredictionMetric, t: WindowTotals): number {
  switch (metric) {
    case 'conversions':
      return t.conversions;
    case 'revenue':
      return t.revenue;
    case 'spend':
      return t.spend;
    case 'profit':
      return t.revenue - t.spend;
    case 'roas':
      return t.spend > 0 ? t.revenue / t.spend : 0;
    case 'cpa':
      return t.conversions > 0 ? t.spend / t.conversions : t.spend;
  }
}

function record(mind: AgentMind, store: Pick<Records, 'outcomes'>, decision: Decision, actual: number, totals: WindowTotals, now: number): void {
  const { point, low80, high80, baseline } = decision.prediction;
  const predictedEffect = baseline === undefined ? 0 : point - baseline;
  const actualEffect = baseline === undefined ? 0 : actual - baseline;
  store.outcomes.record({
    decisionId: decision.id,
    evaluatedAt: now,
    actual,
    error: actual - point,
    withinInterval: actual >= low80 && actual <= high80,
    directionCorrect: Math.sign(predictedEffect) === Math.sign(actualEffect),
  });
  const { rawForecast: raw, raiseBias } = (decision.metrics ?? {}) as { rawForecast?: RawForecast; raiseBias?: number };
  // A pause forecasts a certain zero: nothing to calibrate a forecast model with.
  if (raw && raw.point > 0) mind.calibrator.record({ point: raw.point, low80: raw.low80, high80: raw.high80, actual: totals[raw.metric] });
  // The raise's forecast before its own extra bias: a calibrator learns from its errors, never from its corrections.
  if (raiseBias !== undefined && point > 0)
    mind.raiseCalibrator.record({ point: point / raiseBias, low80: low80 / raiseBias, high80: high80 / raiseBias, actual });
}
