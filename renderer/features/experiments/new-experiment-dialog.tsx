import { IpcCallError } from '@renderer/ipc/client';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ResponseOf } from '@shared/ipc/contract';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { useNames } from '@renderer/shared/use-names';
import { ExperimentFields } from './experiment-fields';
import {
  hasProblems,
  initialDraft,
  NO_PROBLEMS,
  problemsOf,
  readCreate,
  readPlan,
  samePlan,
  type DraftField,
  type DraftProblems,
  type ExperimentDraft,
  type PlanRequest,
} from './new-experiment-form';
import { PlanPreview } from './plan-preview';

type Plan = ResponseOf<'experiments.plan'>;

/**
 * Plans a holdout experiment and starts it. The split is previewed first and started with the
 * previewed seed, so the groups started are the groups the person saw; changing anything the
 * split depends on sets the preview aside until it is drawn again.
 */
export function NewExperimentDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const names = useNames();
  const [draft, setDraft] = useState<ExperimentDraft>(initialDraft);
  const [problems, setProblems] = useState<DraftProblems>(NO_PROBLEMS);
  const [preview, setPreview] = useState<{ request: PlanRequest; plan: Plan } | null>(null);
  const plan = useAcmMutation('experiments.plan');
  const create = useAcmMutation('experiments.create', ['experiments.']);
  const campaigns = useMemo(() => names.campaigns.map((c) => ({ id: c.id, label: c.name })), [names.campaigns]);
  // A terminated agent manages nothing any more: there is nothing of it to test.
  const agents = useMemo(() => names.agents.filter((a) => a.status !== 'terminated').map((a) => ({ id: a.id, label: a.name })), [names.agents]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const current = preview && samePlan(preview.request, readPlan(draft).request) ? preview.plan : null;

  function edit<F extends DraftField>(field: F, value: ExperimentDraft[F]) {
    setDraft((d) => ({ ...d, [field]: value }));
    // A problem goes once the field it names is changed; the others stay until the next try.
    setProblems(({ fields: { [field]: _gone, ...others }, form }) => ({ fields: others, form }));
  }

  function showPreview() {
    const read = readPlan(draft);
    setProblems(read.problems);
    if (!read.request) return;
    const request = read.request;
    plan.mutate(request, { onSuccess: (result) => setPreview({ request, plan: result }), onError: (error) => setProblems(problemsOf(error)) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!current) return showPreview();
    const read = readCreate(draft, { seed: current.assignment.seed, startDate: current.startDate });
    setProblems(read.problems);
    if (!read.request || hasProblems(read.problems)) return;
    create.mutate(read.request, {
      onSuccess: (created) => {
        onCreated(created.id);
        dialog.current?.close();
      },
      onError: (error) => {
        // The account's day turned since the preview: the split shown is no longer the one that would start.
        if (error instanceof IpcCallError && error.path === 'startDate') setPreview(null);
        setProblems(problemsOf(error));
      },
    });
  }

  return (
    <dialog ref={dialog} className="new-experiment" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>New experiment</h2>
        <p className="muted">
          The campaigns are split at random into matched pairs: in each pair one campaign stays with the agents (the treatment), the other is held out and no
          agent changes it. Comparing the groups, against how they compared before the test, shows what the agents&apos; management is worth.
        </p>
        {problems.form && (
          <p role="alert" className="error">
            {problems.form}
          </p>
        )}
        <ExperimentFields draft={draft} problems={problems} campaigns={campaigns} agents={agents} edit={edit} />
        {plan.isPending && <p role="status">Drawing the split…</p>}
        {current && <PlanPreview plan={current} campaignName={names.campaign} currency={names.currency} />}
        {current && <p className="muted small">Nothing has started yet: check the split, then start the experiment.</p>}
        {preview && !current && !plan.isPending && <p className="muted">The choices changed since the preview: preview the split again before starting.</p>}
        <div className="controls">
          <button type="button" onClick={showPreview} disabled={plan.isPending}>
            Preview split
          </button>
          {/* Without a preview of these choices, starting draws it first: nothing starts unseen. */}
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Starting…' : 'Start experiment'}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
