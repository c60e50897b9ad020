import { useMemo } from 'react';
import { ErrorText } from '../../app/error-text';
import { describeChange, formatPercent } from '../../shared/describe';
import { formatShortTime } from '../../shared/format';
import { useNames } from '../../shared/use-names';
import { useAuditStore } from './audit-store';
import { useDecisionPages } from './use-decision-pages';
import { WindowedList } from './windowed-list';

export const ROW_HEIGHT = 60;

/** The decisions, newest first, loading further pages as the list nears their end. */
export function DecisionTimeline() {
  const { filter, selectedId, select } = useAuditStore();
  const names = useNames();
  const pages = useDecisionPages(filter);
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const more = () => {
    if (pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  };
  if (pages.error) return <ErrorText error={pages.error} what="Could not load the decisions" />;
  if (pages.isPending) return <p role="status">Loading decisions…</p>;
  if (items.length === 0) {
    return pages.hasNextPage ? (
      <p>
        No match in the decisions searched so far.{' '}
        <button type="button" onClick={more}>
          Search further back
        </button>
      </p>
    ) : (
      <p className="muted">No decision matches these filters. Clear a filter to see more.</p>
    );
  }
  return (
    <>
      <WindowedList
        items={items}
        rowHeight={ROW_HEIGHT}
        height={480}
        label="Decision timeline"
        keyOf={(d) => d.id}
        onNearEnd={more}
        renderRow={(d) => (
          <button type="button" className="timeline-row" aria-pressed={d.id === selectedId} onClick={() => select(d.id)}>
            <span className="timeline-when">{formatShortTime(d.createdAt)}</span>
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
        {items.length} decision{items.length === 1 ? '' : 's'} loaded{pages.hasNextPage ? '; scroll for older ones' : ''}
        {pages.isFetchingNextPage ? '…' : ''}
      </p>
    </>
  );
}
