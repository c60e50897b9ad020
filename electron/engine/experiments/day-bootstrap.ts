import type { Random } from '@shared/random';
import { logLifts, METRICS, type Metric } from './lifts';
import { FIELDS, type Panel } from './panel';

/** Days in a bootstrap block: a whole week, so that weekday patterns and runs of similar days stay together. */
export const BLOCK_DAYS = 7;

/** The variance of the log lifts when the days of the pre-period and of the test's first `testDays` are each redrawn in blocks of BLOCK_DAYS consecutive days. */
export function dayBootstrapVariance(panel: Panel, testDays: number, random: Random, resamples: number): Record<Metric, number> {
  const sums = { roas: 0, revenue: 0, cpa: 0 };
  const squares = { roas: 0, revenue: 0, cpa: 0 };
  let kept = 0;
  const before = new Float64Array(FIELDS);
  const after = new Float64Array(FIELDS);
  for (let b = 0; b < resamples; b++) {
    resampleBlocks(panel.dayPrefix, 0, panel.preDays, random, before);
    resampleBlocks(panel.dayPrefix, panel.preDays, panel.preDays + testDays, random, after);
    const lifts = logLifts(before, after);
    if (!METRICS.every((m) => Number.isFinite(lifts[m]))) continue;
    kept++;
    for (const m of METRICS) {
      sums[m] += lifts[m];
      squares[m] += lifts[m] ** 2;
    }
  }
  const variance = { roas: 0, revenue: 0, cpa: 0 };
  if (kept >= 2) for (const m of METRICS) variance[m] = Math.max(0, (squares[m] - sums[m] ** 2 / kept) / (kept - 1));
  return variance;
}

/** Totals of days [from, to) redrawn as consecutive blocks with replacement, as many days as the span has (the last block cut short). */
function resampleBlocks(prefix: Float64Array, from: number, to: number, random: Random, into: Float64Array): void {
  into.fill(0);
  const n = to - from;
  const block = Math.min(BLOCK_DAYS, n);
  const starts = n - block + 1;
  for (let filled = 0; filled < n; filled += block) {
    const start = from + Math.floor(random.next() * starts);
    const stop = start + Math.min(block, n - filled);
    for (let k = 0; k < FIELDS; k++) into[k] += prefix[stop * FIELDS + k] - prefix[start * FIELDS + k];
  }
}
