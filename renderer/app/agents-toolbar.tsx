import { useAcmMutation } from '../ipc/use-acm-mutation';
import { useAcmQuery } from '../ipc/use-acm-query';
import { ErrorText } from './error-text';

const REFRESH = ['agents.', 'monitor.', 'alerts.', 'decisions.', 'workspaces.'];

/**
 * The stops, always in the header: this workspace's own pause and resume, with its agents' state
 * in words, and "Pause all agents" / "Resume all agents", which reach every agent of every
 * workspace, as the tray's do.
 */
export function AgentsToolbar() {
  const agents = useAcmQuery('agents.list');
  const workspaces = useAcmQuery('workspaces.list');
  const pauseWorkspace = useAcmMutation('agents.pauseAll', REFRESH);
  const resumeWorkspace = useAcmMutation('agents.resumeAll', REFRESH);
  const pauseEverywhere = useAcmMutation('workspaces.pauseAll', REFRESH);
  const resumeEverywhere = useAcmMutation('workspaces.resumeAll', REFRESH);
  const live = (agents.data ?? []).filter((a) => a.status !== 'terminated');
  const active = live.filter((a) => a.status === 'active').length;
  const paused = live.length - active;
  // Until the list of workspaces has come, this workspace's own count stands for them all.
  const everywhere = workspaces.data?.reduce((n, w) => ({ active: n.active + w.agents.active, paused: n.paused + w.agents.paused }), {
    active: 0,
    paused: 0,
  }) ?? {
    active,
    paused,
  };
  const state =
    live.length === 0
      ? 'No agents yet'
      : active === 0
        ? `All agents paused (${paused})`
        : paused === 0
          ? `All agents running (${active})`
          : `${active} running, ${paused} paused`;
  const busy = pauseWorkspace.isPending || resumeWorkspace.isPending || pauseEverywhere.isPending || resumeEverywhere.isPending;
  const unrecorded = pauseWorkspace.data?.recorded === false || pauseEverywhere.data?.workspaces.some((w) => !w.recorded);
  return (
    <div className="agents-toolbar">
      <span role="status" aria-label="Agents state" className={active > 0 ? 'status-active' : live.length > 0 ? 'status-paused' : 'muted'}>
        {state}
      </span>
      <button type="button" disabled={busy || active === 0} onClick={() => pauseWorkspace.mutate({})}>
        Pause workspace
      </button>
      <button type="button" disabled={busy || paused === 0} onClick={() => resumeWorkspace.mutate({})}>
        Resume workspace
      </button>
      <span className="stops-everywhere" role="group" aria-label="Every workspace">
        <button type="button" className="danger" disabled={busy || everywhere.active === 0} onClick={() => pauseEverywhere.mutate({})}>
          Pause all agents
        </button>
        <button type="button" disabled={busy || everywhere.paused === 0} onClick={() => resumeEverywhere.mutate({})}>
          Resume all agents
        </button>
      </span>
      {unrecorded && (
        <span role="alert" className="status-paused">
          Agents stopped; the record could not be written yet (is the disk full?). It is written as soon as the store can.
        </span>
      )}
      <ErrorText error={pauseWorkspace.error ?? resumeWorkspace.error ?? pauseEverywhere.error ?? resumeEverywhere.error ?? agents.error} what="Agents" />
    </div>
  );
}
