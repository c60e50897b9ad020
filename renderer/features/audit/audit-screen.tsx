import { EmptyState } from '@renderer/app/empty-state';
import { hrefOf } from '@renderer/app/routes';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { AuditFilters } from './audit-filters';
import { ChainDigest } from './chain-digest';
import { DailyReview } from './daily-review';
import { useAuditStore } from './audit-store';
import { DecisionDetail } from './decision-detail';
import { DecisionTimeline } from './decision-timeline';
import { ExportButtons } from './export-buttons';
import { OutcomeStatsPanel } from './outcome-stats-panel';

export function AuditScreen() {
  const selectedId = useAuditStore((s) => s.selectedId);
  const any = useAcmQuery('decisions.page', { limit: 1 });
  return (
    <>
      <h1>Audit trail</h1>
      {any.data && any.data.items.length === 0 ? (
        <EmptyState title="No audit entries yet">
          <p>
            Every decision agents propose, execute, hand to a person or are blocked from making will be listed here, newest first, with its reasoning, its
            prediction and what actually happened.
          </p>
          <p>
            Entries appear once an agent runs: create and activate one on the <a href={hrefOf('agents')}>Agents</a> screen.
          </p>
        </EmptyState>
      ) : (
        <>
          <ChainDigest />
          <div className="toolbar-row">
            <AuditFilters />
            <ExportButtons />
          </div>
          <div className="audit-columns">
            <DecisionTimeline />
            {selectedId ? <DecisionDetail id={selectedId} /> : <p className="muted">Choose a decision to see its reasoning, prediction and outcome.</p>}
          </div>
          <div className="card-columns">
            <DailyReview />
            <OutcomeStatsPanel />
          </div>
        </>
      )}
    </>
  );
}
