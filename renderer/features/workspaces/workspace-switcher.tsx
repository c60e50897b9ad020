import { useId, useState } from 'react';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import { ErrorText } from '@renderer/app/error-text';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { GoogleConnectDialog } from './google-connect-dialog';
import { MetaConnectDialog } from './meta-connect-dialog';
import { NewWorkspaceDialog } from './new-workspace-dialog';
import { useOpenWorkspace, useWorkspaceList } from './use-workspaces';
import { openAlertsText, switcherLabel } from './workspace-labels';

/** The header's choice of client: every workspace with its open alerts, "New workspace", "Connect Meta account…" and "Connect Google Ads account…". */
export function WorkspaceSwitcher() {
  const list = useWorkspaceList();
  const current = useWorkspaceStore((state) => state.current);
  const open = useOpenWorkspace();
  const [adding, setAdding] = useState<'workspace' | 'meta' | 'google' | null>(null);
  return (
    <div className="workspace-switcher">
      <WorkspacePicker workspaces={list.data ?? []} current={current} busy={open.isPending} onOpen={(id) => open.mutate(id)} />
      <button type="button" onClick={() => setAdding('workspace')}>
        New workspace
      </button>
      <button type="button" onClick={() => setAdding('meta')}>
        Connect Meta account…
      </button>
      <button type="button" onClick={() => setAdding('google')}>
        Connect Google Ads account…
      </button>
      {adding === 'workspace' && <NewWorkspaceDialog onClose={() => setAdding(null)} />}
      {adding === 'meta' && <MetaConnectDialog onClose={() => setAdding(null)} />}
      {adding === 'google' && <GoogleConnectDialog onClose={() => setAdding(null)} />}
      <ErrorText error={open.error ?? list.error} what="Workspaces" />
    </div>
  );
}

/**
 * A native select named "Workspace": a keyboard and a screen reader already know how to use it.
 * Each entry says the workspace's open alerts; the shown one's are repeated beside it.
 */
export function WorkspacePicker({
  workspaces,
  current,
  busy,
  onOpen,
}: {
  workspaces: readonly WorkspaceSummary[];
  current: number | null;
  busy: boolean;
  onOpen: (id: number) => void;
}) {
  const selectId = useId();
  const shown = workspaces.find((w) => w.id === current);
  return (
    <>
      <label htmlFor={selectId}>Workspace</label>
      <select id={selectId} value={current ?? ''} disabled={busy || workspaces.length === 0} onChange={(event) => onOpen(Number(event.target.value))}>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {switcherLabel(w)}
          </option>
        ))}
      </select>
      {shown && (
        <span
          role="status"
          aria-label="Open alerts of this workspace"
          className={shown.openAlerts.critical > 0 ? 'severity-critical' : shown.openAlerts.warning > 0 ? 'severity-warning' : 'muted'}
        >
          {openAlertsText(shown)}
        </span>
      )}
    </>
  );
}
