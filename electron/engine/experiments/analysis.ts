import type { Assignment, CampaignDay, ExperimentAnalysis, LiftInterval } from '@shared/domain/experiment';
import { stream } from '@shared/random';
import { BLOCK_DAYS } from './day-bootstrap';
import { liftIntervals, placeboDrift, type LogInterval } from './did';
import { METRICS, type Metric } from './lifts';
import { FIELDS, panelOf, type Panel } from './panel';
import { liftVerdict } from './verdict';

/** Resamples of the days for the final interval, and for each day's running one (a floor under the width only, so fewer do). */
const FINAL_RESAMPLES = 2000;
const RUNNING_RESAMPLES = 100;

const METHOD =
  'Difference-in-differences of the groups’ log ROAS, revenue and CPA between the pre-period and the test period; ' +
  'the 90% interval (Student’s t) from the largest of three measures of how far the groups could drift apart untreated: ' +
  'a jackknife over the holdout’s campaigns, a placebo test between the halves of the pre-period (jackknife over pairs), ' +
  `and a bootstrap of ${BLOCK_DAYS}-day blocks of days.`;

/**
 * The lift of the agents' campaigns over the holdout, adjusted for how the two groups compared
 * in the pre-period. Rows before `startDate` are the pre-period, the rest the test period; they
 * should hold complete local days only (today's partial day and conversions still to be
 * attributed would bias the last day). Same input and seed, same analysis.
 */
export function analyseExperiment(input: { assignment: Assignment; rows: readonly CampaignDay[]; startDate: string; seed?: number }): ExperimentAnalysis {
  const { assignment, startDate } = input;
  const panel = panelFromRows(assignment, input.rows, startDate);
  const testDays = panel.days - panel.preDays;
  const base = { testDays, preDays: panel.preDays, method: METHOD };
  const missing =
    panel.preDays === 0
      ? `no pre-period day before ${startDate} to compare with`
      : testDays === 0
        ? `no complete day of the test since ${startDate}`
        : undefined;
  if (missing) return { ...base, lift: null, significant: false, verdict: `not enough data yet: ${missing}`, running: [] };

  const random = stream(input.seed ?? assignment.seed, 'experiment', 'analysis');
  const placebo = placeboDrift(panel);
  const final = liftIntervals(panel, testDays, placebo, random, FINAL_RESAMPLES);
  if (!final) {
    const verdict = 'not enough data yet: a group has no spend, revenue or conversions in the pre-period or the test period';
    return { ...base, lift: null, significant: false, verdict, running: [] };
  }
  const lift = Object.fromEntries(METRICS.map((m) => [m, relative(final[m])])) as Record<Metric, LiftInterval>;
  const running: ExperimentAnalysis['running'] = [];
  for (let day = 1; day <= testDays; day++) {
    const roas = day === testDays ? final.roas : liftIntervals(panel, day, placebo, random, RUNNING_RESAMPLES)?.roas;
    if (roas) running.push({ date: panel.dates[panel.preDays + day - 1], ...relative(roas) });
  }
  const significant = lift.roas.low > 0 || lift.roas.high < 0;
  return { ...base, lift, significant, verdict: liftVerdict(lift.roas, significant, testDays), running };
}

/** A log lift as a relative one: 0.17 is +17%. */
function relative(i: LogInterval): LiftInterval {
  return { estimate: Math.expm1(i.theta), low: Math.expm1(i.low), high: Math.expm1(i.high) };
}

/** The rows as the estimator's panel: one row per campaign of the experiment, one column per date. */
function panelFromRows(assignment: Assignment, rows: readonly CampaignDay[], startDate: string): Panel & { dates: string[] } {
  const members = [...assignment.treatment, ...assignment.holdout];
  const index = new Map(members.map((id, i) => [id, i]));
  const held = members.map((_, i) => i >= assignment.treatment.length);
  const pairOf = new Map(assignment.pairs.flatMap((p, i) => [[p.treatment, i] as const, [p.holdout, i] as const]));
  const cluster = members.map((id) => pairOf.get(id) ?? assignment.pairs.length);
  // ISO dates sort as strings, and the pre-period's come first.
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const column = new Map(dates.map((date, i) => [date, i]));
  const cells = new Float64Array(members.length * dates.length * FIELDS);
  for (const row of rows) {
    const c = index.get(row.campaignId);
    if (c === undefined) continue;
    const i = (c * dates.length + (column.get(row.date) as number)) * FIELDS + (held[c] ? 3 : 0);
    cells[i] += row.spend;
    cells[i + 1] += row.revenue;
    cells[i + 2] += row.conversions;
  }
  const preDays = dates.filter((d) => d < startDate).length;
  return { ...panelOf(cells, { held, cluster, days: dates.length, preDays }), dates };
}
