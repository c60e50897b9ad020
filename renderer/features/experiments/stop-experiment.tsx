import { useState, type FormEvent } from 'react';
import { ErrorText } from '@renderer/app/error-text';
import { TextField } from '@renderer/features/notifications/form-controls';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';

/** Ends a running experiment early, saying why: the reason stays on the experiment's record, and the holdout goes back to its agents. */
export function StopExperiment({ id, name }: { id: string; name: string }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const stop = useAcmMutation('experiments.stop', ['experiments.']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Say why the experiment stops: it is kept with its record.');
    stop.mutate({ id, reason: reason.trim() }, { onSuccess: () => setAsking(false) });
  }

  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Stop experiment
      </button>
    );
  return (
    <form className="stop-experiment" aria-label={`Stop ${name}`} onSubmit={submit} noValidate>
      <TextField
        label="Reason for stopping"
        value={reason}
        problem={problem}
        autoFocus
        onChange={(event) => {
          setReason(event.target.value);
          setProblem(undefined);
        }}
      />
      <p className="muted small">The holdout campaigns go back to their agents at once; the results so far are kept.</p>
      <ErrorText error={stop.error} what="Could not stop the experiment" />
      <div className="controls">
        <button type="submit" className="danger" disabled={stop.isPending}>
          {stop.isPending ? 'Stopping…' : 'Stop experiment'}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
