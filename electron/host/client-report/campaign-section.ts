import type { ReportContext } from './report-context';
import type { ReportWriter } from './report-writer';

const COLUMNS = [
  { title: 'Campaign', width: 175 },
  { title: 'Spend', width: 80 },
  { title: 'Revenue', width: 80 },
  { title: 'ROAS', width: 50 },
  { title: 'Conversions', width: 60 },
  { title: 'CPA', width: 70 },
] as const;

/** One row per campaign that spent or earned in the period, largest spend first. */
export function drawCampaigns(w: ReportWriter, { kpis, format: f }: ReportContext): void {
  w.heading('Campaigns');
  w.row(
    COLUMNS.map((c, i) => ({ text: c.title, width: c.width, align: i === 0 ? 'left' : 'right' })),
    { bold: true },
  );
  if (kpis.campaigns.length === 0) w.paragraph('No campaign spent in this period.');
  for (const c of [...kpis.campaigns].sort((a, b) => b.spend - a.spend)) {
    const cells = [c.name, f.money(c.spend), f.money(c.revenue), f.ratio(c.roas), f.count(c.conversions), c.cpa === null ? 'n/a' : f.money(c.cpa)];
    w.row(cells.map((text, i) => ({ text, width: COLUMNS[i].width, align: i === 0 ? 'left' : 'right' })));
  }
}
