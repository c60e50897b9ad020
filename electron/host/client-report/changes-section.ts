import { changeValueText } from '@shared/domain/decision';
import { MONEY_METRICS } from '@shared/money';
import { localStamp } from '@store/exports/local-stamp';
import type { Change } from './activity-figures';
import type { ReportContext } from './report-context';
import type { ReportWriter } from './report-writer';

/** What one change set out to do, and whether it did: the prediction with its 80% interval against the outcome. */
function changeLines({ decision: d, agent, campaign, outcome }: Change, { zone, format: f }: ReportContext): [string, string, string] {
  const money = (v: number) => f.money(v);
  const value = (v: number) => (MONEY_METRICS.has(d.prediction.metric) ? money(v) : d.prediction.metric === 'roas' ? f.ratio(v) : f.count(v));
  const p = d.prediction;
  const predicted = `predicted ${p.metric} over ${p.windowHours} h: ${value(p.point)} (80% interval ${value(p.low80)} to ${value(p.high80)})`;
  const actual =
    outcome === null
      ? 'actual: its window has not closed yet'
      : `actual: ${value(outcome.actual)}, ${outcome.withinInterval ? 'inside' : 'outside'} the interval, direction ${outcome.directionCorrect ? 'right' : 'wrong'}`;
  const head = `${localStamp(zone, d.createdAt)}  ${agent} on ${campaign}: ${d.kind} ${changeValueText(d.before, money)} -> ${changeValueText(d.after, money)}${d.state === 'undone' ? ' (undone since)' : ''}`;
  return [head, `${predicted}; ${actual}`, d.reasoning];
}

/** The changes the agents made in the period, oldest first, each with predicted against actual. */
export function drawChanges(w: ReportWriter, context: ReportContext): void {
  const { changes } = context.activity;
  w.heading('What the agents changed, and what came of it');
  const evaluated = changes.filter((c) => c.outcome !== null);
  const inside = evaluated.filter((c) => c.outcome?.withinInterval).length;
  w.paragraph(
    `${changes.length} change${changes.length === 1 ? '' : 's'} reached the platform; ${evaluated.length} ha${evaluated.length === 1 ? 's' : 've'} a closed outcome window, ${inside} of them inside their predicted 80% interval.`,
  );
  for (const change of changes) {
    const [head, prediction, reasoning] = changeLines(change, context);
    w.gap(3);
    w.paragraph(head, { bold: true, size: 8.5 });
    w.paragraph(prediction, { size: 8 });
    w.paragraph(reasoning, { size: 7.5, color: '#555555' });
  }
}
