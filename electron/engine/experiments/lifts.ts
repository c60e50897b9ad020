export const METRICS = ['roas', 'revenue', 'cpa'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * log(treatment's after / before) − log(holdout's after / before) of each metric, from two
 * spans' group totals (see FIELDS); NaN where a total it needs is zero. The spans' days cancel,
 * so revenue needs no per-day scaling when the spans differ in length.
 */
export function logLifts(before: ArrayLike<number>, after: ArrayLike<number>): Record<Metric, number> {
  const ln = (x: number) => (x > 0 ? Math.log(x) : NaN);
  const change = (i: number, j: number) => ln(after[i] / after[j]) - ln(before[i] / before[j]);
  const grew = (i: number) => ln(after[i]) - ln(before[i]);
  return {
    roas: change(1, 0) - change(4, 3),
    revenue: grew(1) - grew(4),
    cpa: change(0, 2) - change(3, 5),
  };
}
