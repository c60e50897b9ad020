import { changeValueText } from '@shared/domain/decision';
import { localStamp } from '@store/exports/local-stamp';
import type { ReportContext } from './report-context';
import type { ReportWriter } from './report-writer';

/** What waits on a person as the report is made: escalated changes to approve or reject, and alerts nobody has acknowledged. */
export function drawQuestions(w: ReportWriter, { activity, zone, format: f }: ReportContext): void {
  w.heading('Open questions');
  const { escalated, alerts } = activity;
  if (escalated.length === 0 && alerts.length === 0) w.paragraph('Nothing is waiting for a decision.');
  for (const { decision: d, agent, campaign } of escalated) {
    const money = (v: number) => f.money(v);
    w.paragraph(
      `${localStamp(zone, d.createdAt)}  awaiting approval: ${agent} proposes ${d.kind} ${changeValueText(d.before, money)} -> ${changeValueText(d.after, money)} on ${campaign}`,
      {
        size: 8.5,
      },
    );
    w.paragraph(d.reasoning, { size: 7.5, color: '#555555' });
  }
  for (const a of alerts) w.paragraph(`${localStamp(zone, a.createdAt)}  alert (${a.severity}): ${a.message}`, { size: 8.5 });
}
