import type { LiftInterval } from '@shared/domain/experiment';
import type { ReportContext } from './report-context';
import type { ReportWriter } from './report-writer';

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
const interval = (name: string, l: LiftInterval) => `${name} ${pct(l.estimate)} (${pct(l.low)} to ${pct(l.high)})`;

/** Holdout experiments over by the period's end: the agents' campaigns against those they left alone. */
export function drawExperiments(w: ReportWriter, { activity }: ReportContext): void {
  w.heading('Experiments: the agents against a holdout');
  if (activity.experiments.length === 0) w.paragraph('No experiment had ended by the end of this period.');
  for (const { experiment: e, analysis: a } of activity.experiments) {
    const ended = e.stopped ? `stopped early: ${e.stopped.reason}` : `finished ${e.endDate}`;
    w.gap(3);
    w.paragraph(`${e.name}: ${e.startDate} to ${e.endDate}, ${ended}`, { bold: true, size: 8.5 });
    w.paragraph(`Verdict: ${a.verdict}`, { size: 8.5 });
    w.paragraph(
      a.lift === null
        ? 'Too few test days to estimate a lift.'
        : `Lift of treatment over holdout, with intervals: ${interval('ROAS', a.lift.roas)}; ${interval('revenue', a.lift.revenue)}; ${interval('CPA', a.lift.cpa)} (CPA below zero is better)`,
      { size: 8 },
    );
    w.paragraph(`${a.testDays} test days, ${a.preDays} pre-period days. ${a.method}`, { size: 7.5, color: '#555555' });
  }
}
