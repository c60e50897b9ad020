import type { Goal } from '@shared/scenario/schema';
import type { Kpis } from './kpi-figures';
import type { ReportContext } from './report-context';
import type { Format } from './report-format';
import type { ReportWriter } from './report-writer';

const KPI_ROWS: { label: string; value: (k: Kpis, f: Format) => string; of: (k: Kpis) => number | null }[] = [
  { label: 'Spend', value: (k, f) => f.money(k.spend), of: (k) => k.spend },
  { label: 'Revenue', value: (k, f) => f.money(k.revenue), of: (k) => k.revenue },
  { label: 'ROAS', value: (k, f) => f.ratio(k.roas), of: (k) => k.roas },
  { label: 'CPA', value: (k, f) => (k.cpa === null ? 'n/a' : f.money(k.cpa)), of: (k) => k.cpa },
  { label: 'Conversions', value: (k, f) => f.count(k.conversions), of: (k) => k.conversions },
];

function goalText(goal: Goal, f: Format): string {
  const value = goal.metric === 'roas' ? f.ratio(goal.value) : goal.metric === 'conversions' ? f.count(goal.value) : f.money(goal.value);
  return `${goal.metric.toUpperCase()} ${goal.op} ${value}${goal.metric === 'roas' || goal.metric === 'cpa' ? '' : ` per ${goal.per}`}`;
}

/** The headline figures against the period before, then each agent's goals judged on the period. */
export function drawKpis(w: ReportWriter, { kpis, previous, format: f }: ReportContext): void {
  w.heading('Key figures');
  w.row(
    [
      { text: 'Metric', width: 110 },
      { text: 'This period', width: 130, align: 'right' },
      { text: `Previous (${previous.from} to ${previous.to})`, width: 180, align: 'right' },
      { text: 'Change', width: 90, align: 'right' },
    ],
    { bold: true },
  );
  for (const row of KPI_ROWS) {
    w.row([
      { text: row.label, width: 110 },
      { text: row.value(kpis.current, f), width: 130, align: 'right' },
      { text: row.value(kpis.previous, f), width: 180, align: 'right' },
      { text: f.change(row.of(kpis.current), row.of(kpis.previous)), width: 90, align: 'right' },
    ]);
  }
  w.gap();
  w.paragraph('Goals', { bold: true, size: 10 });
  if (kpis.goals.length === 0) w.paragraph('No agent has a goal set.');
  for (const g of kpis.goals) {
    const actual =
      g.actual === null ? 'no data' : g.goal.metric === 'roas' ? f.ratio(g.actual) : g.goal.metric === 'conversions' ? f.count(g.actual) : f.money(g.actual);
    const verdict = g.met === null ? 'not judged' : g.met ? 'met' : 'missed';
    w.paragraph(`${g.agent}: goal ${goalText(g.goal, f)}; the period: ${actual}, ${verdict}`);
  }
}
