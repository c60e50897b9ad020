import { logLifts, METRICS, type Metric } from './lifts';
import { FIELDS, type SpanTotals } from './panel';

export interface JackknifeVariance {
  variance: Record<Metric, number>;
  /** The replicates formed: the variance is estimated from this many, so has one fewer degrees of freedom. */
  replicates: number;
}

/**
 * The jackknife variance of the log lifts, leaving out one group of campaigns at a time.
 * Replicates that empty a group (or a total a lift needs) are skipped.
 */
export function jackknife(totals: SpanTotals, leaveOut: readonly (readonly number[])[]): JackknifeVariance {
  const replicates: Record<Metric, number>[] = [];
  const before = new Float64Array(FIELDS);
  const after = new Float64Array(FIELDS);
  for (const campaigns of leaveOut) {
    before.set(totals.before);
    after.set(totals.after);
    for (const c of campaigns) {
      for (let k = 0; k < FIELDS; k++) {
        before[k] -= totals.byCampaign[c * 2 * FIELDS + k];
        after[k] -= totals.byCampaign[c * 2 * FIELDS + FIELDS + k];
      }
    }
    const lifts = logLifts(before, after);
    if (METRICS.every((m) => Number.isFinite(lifts[m]))) replicates.push(lifts);
  }
  const n = replicates.length;
  const variance = { roas: 0, revenue: 0, cpa: 0 };
  if (n >= 2) {
    for (const m of METRICS) {
      const mean = replicates.reduce((s, r) => s + r[m], 0) / n;
      variance[m] = ((n - 1) / n) * replicates.reduce((s, r) => s + (r[m] - mean) ** 2, 0);
    }
  }
  return { variance, replicates: n };
}
