import { EXPERIMENT_LEVEL } from '@shared/domain/experiment';
import type { Random } from '@shared/random';
import { dayBootstrapVariance } from './day-bootstrap';
import { jackknife, type JackknifeVariance } from './jackknife';
import { logLifts, METRICS, type Metric } from './lifts';
import { FIELDS, spanTotals, type Panel, type SpanTotals } from './panel';
import { normalQuantile, tQuantile } from './quantiles';

/** A metric's log lift with its interval at EXPERIMENT_LEVEL, on the log scale. */
export interface LogInterval {
  theta: number;
  low: number;
  high: number;
}

/**
 * Each metric's log lift, a difference-in-differences over the pre-period and the first
 * `testDays` test days, with its interval. The estimate errs by how differently the two groups
 * would have drifted had nobody touched either, and three honest measures of that are taken,
 * the interval set by the largest:
 *
 * - the holdout's drift: a leave-one-campaign-out jackknife over the holdout, which no agent
 *   touched, spread over both groups' spend (see holdoutDrift). The treatment's own spread is not
 *   used: it holds how unevenly the agents helped, which is no error in the lift they gave these
 *   campaigns (as Conley and Taber do with few treated units);
 * - the placebo: the same estimate between the two halves of the pre-period, when neither group
 *   was treated, with a leave-one-pair-out jackknife. It sees a treatment campaign drifting
 *   (a tiring creative, a market of its own) that a holdout of a few campaigns would miss;
 * - the days: a bootstrap of weekly blocks of days, for day-to-day noise and runs of similar
 *   days, and the only measure left with a single campaign a side.
 *
 * Student's t on the fewer replicates − 1 degrees of freedom pays for measuring from few campaigns.
 */
export function liftIntervals(
  panel: Panel,
  testDays: number,
  placebo: JackknifeVariance,
  random: Random,
  resamples: number,
): Record<Metric, LogInterval> | null {
  const totals = spanTotals(panel, 0, panel.preDays, panel.preDays + testDays);
  const point = logLifts(totals.before, totals.after);
  if (METRICS.some((m) => !Number.isFinite(point[m]))) return null;
  const holdout = holdoutDrift(panel, totals);
  const days = dayBootstrapVariance(panel, testDays, random, resamples);
  const dfs = [holdout, placebo].filter((j) => j.replicates >= 2).map((j) => j.replicates - 1);
  const upper = (1 + EXPERIMENT_LEVEL) / 2;
  const q = dfs.length > 0 ? tQuantile(upper, Math.min(...dfs)) : normalQuantile(upper);
  const result = {} as Record<Metric, LogInterval>;
  for (const m of METRICS) {
    const half = q * Math.sqrt(Math.max(holdout.variance[m], placebo.variance[m], days[m]));
    result[m] = { theta: point[m], low: point[m] - half, high: point[m] + half };
  }
  return result;
}

/** The placebo's variance: the estimate between the pre-period's halves, a matched pair left out at a time (none under 2 pre-period days). */
export function placeboDrift(panel: Panel): JackknifeVariance {
  if (panel.preDays < 2) return { variance: { roas: 0, revenue: 0, cpa: 0 }, replicates: 0 };
  const pairs: number[][] = Array.from({ length: panel.clusters }, () => []);
  panel.cluster.forEach((cluster, c) => pairs[cluster].push(c));
  return jackknife(spanTotals(panel, 0, Math.floor(panel.preDays / 2), panel.preDays), pairs);
}

/**
 * The holdout's jackknife variance covers its own share of the drift; the treatment's share is
 * the same drift over the treatment's spend, so the whole is scaled by (1 + HHI treatment / HHI
 * holdout), each HHI the sum of the group's squared pre-period spend shares (a group of n
 * equal campaigns has 1/n).
 */
function holdoutDrift(panel: Panel, totals: SpanTotals): JackknifeVariance {
  let hhiTreatment = 0;
  let hhiHoldout = 0;
  const holdout: number[][] = [];
  for (let c = 0; c < panel.campaigns; c++) {
    const k = panel.held[c] ? 3 : 0;
    const share = totals.before[k] > 0 ? totals.byCampaign[c * 2 * FIELDS + k] / totals.before[k] : 0;
    if (panel.held[c]) {
      hhiHoldout += share ** 2;
      holdout.push([c]);
    } else hhiTreatment += share ** 2;
  }
  const jack = jackknife(totals, holdout);
  if (hhiHoldout <= 0) return { ...jack, replicates: 0 };
  const scale = 1 + hhiTreatment / hhiHoldout;
  return {
    variance: { roas: jack.variance.roas * scale, revenue: jack.variance.revenue * scale, cpa: jack.variance.cpa * scale },
    replicates: jack.replicates,
  };
}
