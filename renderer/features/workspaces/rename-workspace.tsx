import { useState } from 'react';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';

/** Renames a client in place: a new workspace is named once, and the home one starts with its account's name. */
export function RenameWorkspace({ workspace }: { workspace: WorkspaceSummary }) {
  const [name, setName] = useState<string | null>(null);
  const rename = useAcmMutation('workspaces.rename', ['workspaces.', 'app.info']);
  if (name === null) {
    return (
      <button type="button" aria-label={`Rename ${workspace.name}`} onClick={() => setName(workspace.name)}>
        Rename
      </button>
    );
  }
  return (
    <form
      className="rename-workspace"
      aria-label={`Rename ${workspace.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ id: workspace.id, name }, { onSuccess: () => setName(null) });
      }}
    >
      <label>
        New name
        <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} autoFocus />
      </label>
      <button type="submit" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" onClick={() => (rename.reset(), setName(null))}>
        Cancel
      </button>
      <ErrorText error={rename.error} what="The new name" />
    </form>
  );
}
