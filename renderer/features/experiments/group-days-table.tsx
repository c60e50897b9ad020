import type { GroupDay, GroupTotals } from '@shared/domain/experiment';
import { formatMoney, formatNumber } from '@renderer/shared/format';
import { localDateText } from './experiment-text';

/** Each local day's totals of both groups, the pre-period first: the numbers every estimate is computed from, and the chart's text alternative. */
export function GroupDaysTable({ days, currency, timezone }: { days: readonly GroupDay[]; currency: string; timezone: string }) {
  const cells = (totals: GroupTotals) => (
    <>
      <td className="numeric">{formatMoney(totals.spend, currency)}</td>
      <td className="numeric">{formatMoney(totals.revenue, currency)}</td>
      <td className="numeric">{formatNumber(totals.conversions, { max: 1 })}</td>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="data-table group-days">
        <caption>
          Daily group totals <span className="muted small">(days in {timezone})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Date
            </th>
            <th scope="col" rowSpan={2}>
              Period
            </th>
            <th scope="colgroup" colSpan={3}>
              Treatment
            </th>
            <th scope="colgroup" colSpan={3}>
              Holdout
            </th>
          </tr>
          <tr>
            {['Spend', 'Revenue', 'Conversions', 'Spend', 'Revenue', 'Conversions'].map((label, i) => (
              <th key={i} scope="col" className="numeric">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date} className={day.period === 'pre' ? 'pre-period' : undefined}>
              <th scope="row">{localDateText(day.date)}</th>
              <td>{day.period === 'pre' ? 'Pre-period' : 'Test'}</td>
              {cells(day.treatment)}
              {cells(day.holdout)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
