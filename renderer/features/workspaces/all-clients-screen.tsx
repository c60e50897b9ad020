import type { WorkspaceException } from '@shared/ipc/channels/workspaces';
import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { hrefOf } from '@renderer/app/routes';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { useWorkspaceStore } from '@renderer/ipc/workspace-store';
import { AccountList } from './account-list';
import { RenameWorkspace } from './rename-workspace';
import { ZonedTime } from './zoned-time';
import { useOpenWorkspace, useWorkspaceList } from './use-workspaces';
import { EXCEPTION_LABEL, openAlertsText, screenOf } from './workspace-labels';

/** Every client at a glance, and everything in any of them that waits for a person, most severe first. */
export function AllClientsScreen() {
  const list = useWorkspaceList();
  const exceptions = useAcmQuery('workspaces.exceptions');
  const current = useWorkspaceStore((state) => state.current);
  const open = useOpenWorkspace();

  /**
   * Opens the workspace, then the screen where the item is dealt with, on the item. Awaited
   * rather than given to mutate(): this screen is redrawn for the workspace it opens, and a
   * callback of mutate() dies with the screen that asked. A refusal shows in open.error.
   */
  const goTo = (workspaceId: number, screen: Parameters<typeof hrefOf>[0], target?: string) =>
    open.mutateAsync(workspaceId).then(
      () => void (window.location.hash = hrefOf(screen, target)),
      () => undefined,
    );

  return (
    <>
      <h1>All clients</h1>
      <ErrorText error={list.error ?? exceptions.error ?? open.error} what="All clients" />
      {list.data && (
        <table className="campaign-table workspace-table" aria-label="Clients">
          <thead>
            <tr>
              <th scope="col">Workspace</th>
              <th scope="col">Time zone</th>
              <th scope="col">Currency</th>
              <th scope="col">Open alerts</th>
              <th scope="col">Agents</th>
              <th scope="col">Accounts</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.name}</th>
                <td>{w.timezone}</td>
                <td>{w.currency}</td>
                <td className={w.openAlerts.critical > 0 ? 'severity-critical' : w.openAlerts.warning > 0 ? 'severity-warning' : 'muted'}>
                  {openAlertsText(w)}
                </td>
                <td>
                  {w.agents.active} running, {w.agents.paused} paused
                </td>
                <td>
                  <AccountList accounts={w.accounts} />
                </td>
                <td>
                  {w.id === current ? (
                    <span className="muted">shown</span>
                  ) : (
                    <button type="button" disabled={open.isPending} onClick={() => goTo(w.id, 'monitor')}>
                      Open {w.name}
                    </button>
                  )}{' '}
                  <RenameWorkspace workspace={w} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Waiting for a person</h2>
      {exceptions.isPending && <p role="status">Loading…</p>}
      {exceptions.data?.length === 0 && (
        <EmptyState title="Nothing waiting">
          <p>Escalated decisions, actions a guardrail blocked, goals at risk and broken connections of every client appear here.</p>
          <p>No client needs you now.</p>
        </EmptyState>
      )}
      {exceptions.data && exceptions.data.length > 0 && (
        <ul className="alert-list exception-list" aria-label="Waiting for a person">
          {exceptions.data.map((e) => (
            <ExceptionItem key={`${e.workspaceId}:${e.alertId ?? e.decisionId ?? e.createdAt}`} exception={e} busy={open.isPending} onOpen={goTo} />
          ))}
        </ul>
      )}
    </>
  );
}

function ExceptionItem({
  exception: e,
  busy,
  onOpen,
}: {
  exception: WorkspaceException;
  busy: boolean;
  onOpen: (workspaceId: number, screen: Parameters<typeof hrefOf>[0], target?: string) => void;
}) {
  return (
    <li className={`card alert-item severity-${e.severity}`} aria-label={`${e.workspaceName}: ${EXCEPTION_LABEL[e.kind]}`}>
      <header className="card-header">
        <span className={`pill severity-${e.severity}`}>{e.severity}</span>
        <strong>{e.workspaceName}</strong>
        <span>{EXCEPTION_LABEL[e.kind]}</span>
        <ZonedTime ms={e.createdAt} zone={e.timezone} className="muted" />
      </header>
      <p>{e.message}</p>
      <div className="controls">
        <button type="button" disabled={busy} onClick={() => onOpen(e.workspaceId, screenOf(e), e.alertId && `alert-${e.alertId}`)}>
          Open in {e.workspaceName}
        </button>
      </div>
    </li>
  );
}
