import type { SimExperiment } from './experiment';
import type { SimReport } from './report';
import { STRATEGY_NAMES } from './strategy';

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report for a person at a terminal: strategies side by side, then what the agents did and whether goals held. */
export function formatReportText(report: SimReport, currency: string): string {
  const header = ['strategy', `spend (${currency})`, `revenue (${currency})`, 'conversions', 'ROAS', 'CPA', 'profit'];
  const rows = STRATEGY_NAMES.map((name) => {
    const s = report.strategies[name];
    return [name, money(s.spend), money(s.revenue), count(s.conversions), `${s.roas.toFixed(2)}x`, money(s.cpa), money(s.profit)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const oracle = report.strategies.oracle.revenue;
  const reach = oracle > 0 ? report.strategies.agents.revenue / oracle : 0;
  const d = report.decisions;
  const a = report.accuracy;
  return [
    `Scenario ${report.scenario}: ${report.days} days, seed ${report.seed}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `The agents reached ${pct(reach)} of the oracle's revenue on the same spend.`,
    `Decisions: ${d.proposed} proposed, ${d.executed} executed (${d.autonomous} autonomous), ${d.escalated} escalated, ${d.blocked} blocked, ${d.cancelled} cancelled; autonomy rate ${pct(report.autonomyRate)}.`,
    `Violations: ${report.violations}. Conflicts: ${report.conflicts}.`,
    a.evaluated > 0
      ? `Forecast accuracy over ${a.evaluated} decisions: direction right ${pct(a.directional)}, 80% interval held ${pct(a.coverage80)}, MAPE ${pct(a.mape)}, median interval width ${pct(a.medianRelativeWidth)}.`
      : 'Forecast accuracy: no decision outcome evaluated.',
    '',
    'Goals over the final 28 days:',
    ...(report.goals.length > 0 ? report.goals.map((g) => `  ${g.met ? 'met    ' : 'missed '} ${g.agent}: ${g.goal} (actual ${g.value})`) : ['  (no goals)']),
    ...(report.experiment ? ['', ...experimentLines(report.experiment)] : []),
    '',
    `Simulated in ${(report.wallMs / 1000).toFixed(1)} s.`,
  ].join('\n');
}

/** The experiment as an operator would read it, then what only the simulation knows. */
function experimentLines(e: SimExperiment): string[] {
  const signed = (x: number) => `${x > 0 ? '+' : ''}${pct(x)}`;
  return [
    `Holdout experiment (seed ${e.seed}): ${e.treatment.length} campaigns under the agents, ${e.holdout.length} held out (${e.pairs} matched pairs); ${e.preDays} pre-period days, then ${e.testDays} test days from ${e.startDate}.`,
    `  ${e.verdict}`,
    `  True lift (against the same campaigns left static on the same draws): ${signed(e.trueLift)} ROAS.`,
  ];
}
