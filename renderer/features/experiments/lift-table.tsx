import type { ExperimentAnalysis, LiftInterval } from '@shared/domain/experiment';
import { levelText, signedPercent } from './experiment-text';

const ROWS: { key: 'roas' | 'revenue' | 'cpa'; label: string; note?: string }[] = [
  { key: 'roas', label: 'ROAS' },
  { key: 'revenue', label: 'Revenue' },
  { key: 'cpa', label: 'CPA', note: 'below zero is better' },
];

/** Treatment over holdout on each metric, adjusted for how the groups compared before the test, each estimate with its interval. */
export function LiftTable({ lift }: { lift: NonNullable<ExperimentAnalysis['lift']> }) {
  const level = levelText();
  const cell = (value: LiftInterval) => (
    <>
      <td className="numeric">{signedPercent(value.estimate)}</td>
      <td className="numeric">
        {signedPercent(value.low)} to {signedPercent(value.high)}
      </td>
    </>
  );
  return (
    <table className="data-table lift-table">
      <caption>Lift of the treatment over the holdout</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="numeric">
            Estimate
          </th>
          <th scope="col" className="numeric">
            {level} interval
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              {row.label} {row.note && <span className="muted small">({row.note})</span>}
            </th>
            {cell(lift[row.key])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
