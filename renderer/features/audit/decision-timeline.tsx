import { ErrorText } from '@renderer/app/error-text';
import { describeChange, formatPercent } from '@renderer/shared/describe';
import { formatNumber } from '@renderer/shared/format';
import { useNames } from '@renderer/shared/use-names';
import { ZonedTime } from '../workspaces/zoned-time';
import { useAuditStore } from './audit-store';
import { useDecisionRows } from './use-decision-rows';
import { WindowedList } from './windowed-list';

export const ROW_HEIGHT = 60;

/** The decisions, newest first, fetching only the pages of the rows in view. */
export function DecisionTimeline() {
  const { filter, selectedId, select } = useAuditStore();
  const names = useNames();
  const rows = useDecisionRows(filter);
  if (rows.error) return <ErrorText error={rows.error} what="Could not load the decisions" />;
  if (rows.count === undefined) return <p role="status">Loading decisions…</p>;
  if (rows.count === 0) {
    return rows.searchFurther ? (
      <p>
        No match in the decisions searched so far.{' '}
        <button type="button" onClick={rows.searchFurther.load}>
          Search further back
        </button>
      </p>
    ) : (
      <p className="muted">No decision matches these filters. Clear a filter to see more.</p>
    );
  }
  const count = formatNumber(rows.count);
  return (
    <>
      <WindowedList
        // A new filter is a new list: it starts again at the newest decision.
        key={JSON.stringify(filter)}
        count={rows.count}
        rowAt={rows.rowAt}
        rowHeight={ROW_HEIGHT}
        height={480}
        label="Decision timeline"
        onRangeChange={rows.showRange}
        renderRow={(d) => (
          <button type="button" className="timeline-row" aria-pressed={d.id === selectedId} onClick={() => select(d.id)}>
            <ZonedTime className="timeline-when" ms={d.createdAt} zone={names.timezone} />
            <span className="timeline-what">
              {names.agent(d.agentId)} · {names.campaign(d.campaignId)} · {describeChange(d.before, d.after, names.currency)}
            </span>
            <span className={`pill state-${d.state}`}>{d.state}</span>
            <span className="timeline-confidence">{formatPercent(d.confidence)}</span>
            <span className="timeline-reasoning muted">{d.reasoning}</span>
          </button>
        )}
      />
      <p className="muted small" role="status">
        {filter.text
          ? `${count} match${rows.count === 1 ? '' : 'es'} found${rows.searchFurther ? '; scroll to search older decisions' : ''}${rows.searchFurther?.fetching ? '…' : ''}`
          : `${count} decision${rows.count === 1 ? '' : 's'}`}
      </p>
    </>
  );
}
