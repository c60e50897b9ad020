import { AcmError } from '@shared/errors';
import { EXPERIMENT_LEVEL, type Assignment, type CampaignDay, type PowerEstimate } from '@shared/domain/experiment';
import { groupDays } from './group-days';
import { percent } from './verdict';
import { normalQuantile } from './quantiles';

/** The chance of detecting a true lift of the size asked for that the estimate aims at. */
const POWER = 0.8;
/** Fewer pre-period days than this say too little about the day-to-day noise. */
const MIN_PRE_DAYS = 7;
/** Past a year the answer is "not with this pre-period", not a number of days. */
const MAX_DAYS = 365;
/** Correlation between consecutive days is capped here: beyond it a short pre-period's estimate is mostly noise. */
const MAX_LAG1 = 0.9;

/**
 * How many test days the experiment probably needs to tell a lift of `lift` in ROAS from none,
 * with 80% power at EXPERIMENT_LEVEL. The noise is the pre-period's day-to-day spread of the
 * treatment−holdout gap in log ROAS, inflated for runs of similar days (lag-1 correlation);
 * the difference-in-differences pays for the pre-period's own noise too, so a short one can
 * make any lift out of reach. Campaigns drifting apart during the test would need longer: the
 * pre-period cannot show that.
 */
export function estimatePower(input: { assignment: Assignment; rows: readonly CampaignDay[]; lift: number }): PowerEstimate {
  const { lift } = input;
  if (!(lift > -1) || lift === 0 || !Number.isFinite(lift))
    throw new AcmError('INVALID_INPUT', `the lift to detect must be above −100% and not 0, got ${lift}`);
  // Every row is pre-period: no date is at or after the far end of time.
  const gaps = groupDays(input.assignment, input.rows, '9999-12-31')
    .filter((d) => d.treatment.spend > 0 && d.treatment.revenue > 0 && d.holdout.spend > 0 && d.holdout.revenue > 0)
    .map((d) => Math.log(d.treatment.revenue / d.treatment.spend) - Math.log(d.holdout.revenue / d.holdout.spend));
  const n = gaps.length;
  if (n < MIN_PRE_DAYS) {
    return { lift, daysNeeded: null, note: `needs at least ${MIN_PRE_DAYS} pre-period days with spend and revenue in both groups, has ${n}` };
  }
  const mean = gaps.reduce((s, x) => s + x, 0) / n;
  const variance = gaps.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  let lagged = 0;
  for (let i = 1; i < n; i++) lagged += (gaps[i] - mean) * (gaps[i - 1] - mean);
  const rho = variance > 0 ? Math.min(MAX_LAG1, Math.max(0, lagged / ((n - 1) * variance))) : 0;
  const noise = variance * ((1 + rho) / (1 - rho));
  const z = normalQuantile((1 + EXPERIMENT_LEVEL) / 2) + normalQuantile(POWER);
  const reach = (Math.log1p(lift) / z) ** 2;
  // Var(estimate) ≈ noise × (1/testDays + 1/preDays) must come down to reach.
  const perTestDay = noise > 0 ? reach / noise - 1 / n : Infinity;
  const spread = `the groups' daily ROAS gap varied by ${percent(Math.expm1(Math.sqrt(variance)))} (1 SD) over ${n} pre-period days`;
  if (perTestDay <= 0 || 1 / perTestDay > MAX_DAYS) {
    return {
      lift,
      daysNeeded: null,
      note: `a ${percent(lift)} lift is out of reach within a year: ${spread}; a longer pre-period or more campaigns would help`,
    };
  }
  const daysNeeded = Math.max(1, Math.ceil(1 / perTestDay));
  return { lift, daysNeeded, note: `about ${daysNeeded} days to detect a ${percent(lift)} ROAS lift (80% power): ${spread}` };
}
