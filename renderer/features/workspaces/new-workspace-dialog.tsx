import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useAcm } from '@renderer/ipc/acm-context';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import {
  checkDraft,
  currencyChoices,
  hasProblems,
  normalizeDraft,
  problemsOf,
  timeZoneChoices,
  type DraftField,
  type DraftProblems,
  type WorkspaceDraft,
} from './new-workspace-form';
import { useCurrentWorkspace, useOpenWorkspace } from './use-workspaces';

const NO_PROBLEMS: DraftProblems = { fields: {} };

/** A new client: its name, currency and time zone; it starts with a sandbox account and opens once created. */
export function NewWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const { connection } = useAcm();
  const queryClient = useQueryClient();
  const open = useOpenWorkspace();
  const shown = useCurrentWorkspace();
  const currencies = useMemo(() => currencyChoices(), []);
  // Offsets as of when the dialog opened: the labels help pick a zone, the zone itself is what is saved.
  const [zones] = useState(() => timeZoneChoices(Date.now()));
  const [draft, setDraft] = useState<WorkspaceDraft>(() => ({
    name: '',
    currency: shown?.currency ?? 'USD',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  }));
  const [problems, setProblems] = useState<DraftProblems>(NO_PROBLEMS);
  const create = useMutation({
    mutationFn: (request: WorkspaceDraft) => connection.clientFor(null)['workspaces.create'](request),
    onSuccess: async (created) => {
      try {
        await open.mutateAsync(created.id);
        onClose();
      } catch (error) {
        setProblems(problemsOf(error));
      }
    },
    onError: (error) => setProblems(problemsOf(error)),
    onSettled: () => invalidateChannels(queryClient, ['workspaces.']),
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  function edit(field: DraftField, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    // A problem goes once the field it names is changed; the others stay until the next try.
    setProblems(({ fields: { [field]: _gone, ...others }, form }) => ({ fields: others, form }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const request = normalizeDraft(draft, zones);
    const found = checkDraft(request, zones);
    setProblems(found);
    if (!hasProblems(found)) create.mutate(request);
  }

  const busy = create.isPending || open.isPending;
  const field = (name: DraftField, label: string, control: (props: FieldProps) => ReactNode, hint?: string) => {
    const problem = problems.fields[name];
    const id = `${ids}-${name}`;
    return (
      <div className={`field${problem ? ' invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? `${id}-problem` : undefined })}
        {hint && <span className="muted small">{hint}</span>}
        {problem && (
          <span id={`${id}-problem`} className="error small">
            {problem}
          </span>
        )}
      </div>
    );
  };

  return (
    <dialog ref={dialog} className="new-workspace" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>New workspace</h2>
        <p className="muted">
          A workspace is one client: its ad accounts, agents, alerts and audit trail, kept apart from every other. It starts with a sandbox account (a simulated
          ad platform) in its currency and time zone.
        </p>
        {problems.form && (
          <p role="alert" className="error">
            {problems.form}
          </p>
        )}
        {field('name', 'Name', (props) => (
          <input {...props} value={draft.name} autoComplete="off" maxLength={120} onChange={(e) => edit('name', e.target.value)} />
        ))}
        {field(
          'currency',
          'Currency',
          (props) => (
            <>
              <input {...props} list={`${ids}-currencies`} value={draft.currency} autoComplete="off" onChange={(e) => edit('currency', e.target.value)} />
              <datalist id={`${ids}-currencies`}>
                {currencies.map((c) => (
                  <option key={c.value} value={c.value} label={c.label} />
                ))}
              </datalist>
            </>
          ),
          'Pick one or type any ISO 4217 code.',
        )}
        {field(
          'timezone',
          'Time zone',
          (props) => (
            <>
              <input {...props} list={`${ids}-zones`} value={draft.timezone} autoComplete="off" onChange={(e) => edit('timezone', e.target.value)} />
              <datalist id={`${ids}-zones`}>
                {zones.map((z) => (
                  <option key={z.value} value={z.value} label={z.label} />
                ))}
              </datalist>
            </>
          ),
          'Type to search, e.g. Tokyo. Days, reviews and times of this client follow it.',
        )}
        <div className="controls">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create workspace'}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
