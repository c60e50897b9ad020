import type { GoalOutcome } from './goals';
import type { RunLedger } from './run-strategy';
import type { AccuracySummary, DecisionCounts } from '@shared/domain/run-figures';
import type { StrategyName } from './strategy';
import type { SimExperiment } from './experiment';

export const REPORT_FORMAT = 'acm-sim-report/1';

export interface StrategyTotals {
  spend: number;
  revenue: number;
  conversions: number;
  roas: number;
  cpa: number;
  profit: number;
}

/** The `acm-sim-report/1` object of FORMAT.md, key for key. */
export interface SimReport {
  format: typeof REPORT_FORMAT;
  scenario: string;
  seed: number;
  days: number;
  strategies: Record<StrategyName, StrategyTotals>;
  decisions: DecisionCounts;
  autonomyRate: number;
  violations: number;
  conflicts: number;
  accuracy: AccuracySummary;
  goals: GoalOutcome[];
  wallMs: number;
  /** Only with `acm simulate --experiment`: the holdout experiment's estimate beside its true lift. */
  experiment?: SimExperiment;
}

/** Money to cents and ratios to 4 decimals, so that two runs print byte-identical reports. */
export const cents = (x: number): number => Math.round(x * 100) / 100;
export const ratio4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export function totalsOf(ledger: RunLedger): StrategyTotals {
  let spend = 0;
  let revenue = 0;
  let conversions = 0;
  for (let i = 0; i < ledger.daySpend.length; i++) {
    spend += ledger.daySpend[i];
    revenue += ledger.dayRevenue[i];
    conversions += ledger.dayConversions[i];
  }
  return {
    spend: cents(spend),
    revenue: cents(revenue),
    conversions,
    roas: ratio4(spend > 0 ? revenue / spend : 0),
    cpa: cents(conversions > 0 ? spend / conversions : 0),
    profit: cents(revenue - spend),
  };
}

export function roundAccuracy(a: AccuracySummary): AccuracySummary {
  return {
    evaluated: a.evaluated,
    directional: ratio4(a.directional),
    coverage80: ratio4(a.coverage80),
    mape: ratio4(a.mape),
    medianRelativeWidth: ratio4(a.medianRelativeWidth),
  };
}

export function autonomyRate(decisions: DecisionCounts): number {
  const denominator = decisions.autonomous + decisions.escalated;
  return denominator > 0 ? ratio4(decisions.autonomous / denominator) : 0;
}
