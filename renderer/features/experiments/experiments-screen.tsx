import { useState } from 'react';
import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { useNames } from '@renderer/shared/use-names';
import { ExperimentDetail } from './experiment-detail';
import { ExperimentList } from './experiment-list';
import { NewExperimentDialog } from './new-experiment-dialog';

/** Holdout experiments of the workspace: what the agents' management is worth, measured against campaigns no agent touches. */
export function ExperimentsScreen() {
  const list = useAcmQuery('experiments.list');
  const names = useNames();
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  // The newest opens by itself: most visits are to see how the latest experiment is going.
  const selectedId = chosen ?? list.data?.[0]?.id ?? null;
  return (
    <>
      <h1>Experiments</h1>
      <div className="controls">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New experiment
        </button>
      </div>
      {creating && <NewExperimentDialog onClose={() => setCreating(false)} onCreated={setChosen} />}
      <ErrorText error={list.error} what="Could not load the experiments" />
      {list.isPending && !list.error && <p role="status">Loading experiments…</p>}
      {list.data?.length === 0 && (
        <EmptyState title="No experiments yet">
          <p>
            An experiment measures what the agents add: comparable campaigns are split at random, the agents keep managing half of them, and nobody&apos;s agent
            touches the other half. After some weeks the difference says, with an interval, how much better (or worse) the agents did.
          </p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <>
          <ExperimentList experiments={list.data} selectedId={selectedId} onSelect={setChosen} campaignName={names.campaign} />
          {selectedId && <ExperimentDetail key={selectedId} id={selectedId} />}
        </>
      )}
    </>
  );
}
