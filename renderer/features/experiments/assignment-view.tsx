import type { Assignment } from '@shared/domain/experiment';
import { formatMoney } from '@renderer/shared/format';
import { balanceText, roasText } from './experiment-text';

interface Props {
  assignment: Assignment;
  campaignName: (id: string) => string;
  currency: string;
  /** Names the tables apart when more than one split is on screen. */
  caption?: string;
}

/** The two groups with their pre-period totals, the matched pairs the coin was flipped within, and how alike the groups were before the test. */
export function AssignmentView({ assignment, campaignName, currency, caption = 'Groups' }: Props) {
  const { balance } = assignment;
  const names = (ids: string[]) => ids.map(campaignName).join(', ');
  const groups = [
    { label: 'Treatment (agents manage)', ids: assignment.treatment, totals: balance.treatment },
    { label: 'Holdout (no agent changes)', ids: assignment.holdout, totals: balance.holdout },
  ];
  return (
    <div className="assignment-view">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Campaigns</th>
            <th scope="col" className="numeric">
              Pre-period spend
            </th>
            <th scope="col" className="numeric">
              Pre-period revenue
            </th>
            <th scope="col" className="numeric">
              Pre-period ROAS
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.label}>
              <th scope="row">{group.label}</th>
              <td>{names(group.ids)}</td>
              <td className="numeric">{formatMoney(group.totals.spend, currency)}</td>
              <td className="numeric">{formatMoney(group.totals.revenue, currency)}</td>
              <td className="numeric">{roasText(group.totals.roas)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>Matched pairs</caption>
        <thead>
          <tr>
            <th scope="col">Treatment</th>
            <th scope="col">Holdout</th>
          </tr>
        </thead>
        <tbody>
          {assignment.pairs.map((pair) => (
            <tr key={pair.treatment}>
              <td>{campaignName(pair.treatment)}</td>
              <td>{campaignName(pair.holdout)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {assignment.unpaired && (
        <p className="muted small">
          {campaignName(assignment.unpaired)} has no pair (an odd number of campaigns): it joined the{' '}
          {assignment.treatment.includes(assignment.unpaired) ? 'treatment' : 'holdout'} by the same coin and is compared unpaired.
        </p>
      )}
      <p>
        Balance before the test, as standardised differences of the groups&apos; campaigns: daily spend {balanceText(balance.standardizedDiff.spend)}, ROAS{' '}
        {balanceText(balance.standardizedDiff.roas)}. <span className="muted small">Seed {assignment.seed}: the same seed draws the same split.</span>
      </p>
    </div>
  );
}
