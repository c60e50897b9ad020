import { roasOf, type DayTotals } from '@ipc/handlers/goal-progress';
import type { ReportContext } from './report-context';
import { PAGE, TEXT_WIDTH, type ReportWriter } from './report-writer';

const HEIGHT = 200;
const SPEND = '#7a9cc6';
const ROAS = '#c0392b';

/** Every local day of the period, with nothing spent on a day without a reported hour. */
function everyDay({ kpis, period, zone }: ReportContext): DayTotals[] {
  const reported = new Map(kpis.days.map((d) => [d.day, d]));
  const days: DayTotals[] = [];
  for (let day = period.start; day < period.end; day = zone.addLocalDays(day, 1))
    days.push(reported.get(day) ?? { day, date: zone.date(day), spend: 0, revenue: 0, conversions: 0 });
  return days;
}

/** Daily spend as bars on the left scale and ROAS as a line on the right one, each from zero, over the whole period. */
export function drawTrend(w: ReportWriter, context: ReportContext): void {
  const { kpis, format: f } = context;
  w.heading('Spend and ROAS by day');
  if (kpis.days.length === 0) {
    w.paragraph('No metrics were reported in this period.');
    return;
  }
  const days = everyDay(context);
  const { doc } = w;
  const top = w.take(HEIGHT + 30);
  const left = PAGE.margin + 50;
  const plotW = TEXT_WIDTH - 100;
  const bottom = top + HEIGHT;
  const maxSpend = Math.max(...days.map((d) => d.spend), 1e-9);
  const roas = days.map(roasOf);
  const maxRoas = Math.max(...roas.map((r) => r ?? 0), 1e-9);
  const slot = plotW / days.length;

  doc.save();
  doc
    .lineWidth(0.6)
    .strokeColor('#444444')
    .moveTo(left, top)
    .lineTo(left, bottom)
    .lineTo(left + plotW, bottom)
    .lineTo(left + plotW, top)
    .stroke();
  days.forEach((d, i) => {
    const h = (d.spend / maxSpend) * HEIGHT;
    doc.rect(left + i * slot + slot * 0.15, bottom - h, slot * 0.7, h).fill(SPEND);
  });
  const points = roas.map((r, i) => (r === null ? null : ([left + (i + 0.5) * slot, bottom - (r / maxRoas) * HEIGHT] as const)));
  doc.lineWidth(1.2).strokeColor(ROAS);
  let drawing = false;
  for (const p of points) {
    if (p === null) drawing = false;
    else if (drawing) doc.lineTo(p[0], p[1]);
    else {
      doc.moveTo(p[0], p[1]);
      drawing = true;
    }
  }
  doc.stroke();
  doc.font('body').fontSize(7).fillColor('#333333');
  doc.text(f.money(maxSpend), PAGE.margin, top - 3, { width: 48, align: 'right', lineBreak: false });
  doc.text(f.ratio(maxRoas), left + plotW + 3, top - 3, { width: 45, lineBreak: false });
  doc.text(days[0].date, left, bottom + 4, { lineBreak: false });
  doc.text(days[days.length - 1].date, left + plotW - 60, bottom + 4, { width: 60, align: 'right', lineBreak: false });
  doc.fillColor(SPEND).text('bars: spend (left scale)', left, bottom + 16, { lineBreak: false });
  doc.fillColor(ROAS).text('line: ROAS (right scale)', left + 150, bottom + 16, { lineBreak: false });
  doc.restore();
}
