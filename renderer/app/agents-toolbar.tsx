import { useAcmMutation } from '../ipc/use-acm-mutation';
import { useAcmQuery } from '../ipc/use-acm-query';
import { ErrorText } from './error-text';

const REFRESH = ['agents.', 'monitor.', 'alerts.', 'decisions.'];

/** The global stop: always in the header, with the agents' state in words beside it. */
export function AgentsToolbar() {
  const agents = useAcmQuery('agents.list');
  const pauseAll = useAcmMutation('agents.pauseAll', REFRESH);
  const resumeAll = useAcmMutation('agents.resumeAll', REFRESH);
  const live = (agents.data ?? []).filter((a) => a.status !== 'terminated');
  const active = live.filter((a) => a.status === 'active').length;
  const paused = live.length - active;
  const state =
    live.length === 0
      ? 'No agents yet'
      : active === 0
        ? `All agents paused (${paused})`
        : paused === 0
          ? `All agents running (${active})`
          : `${active} running, ${paused} paused`;
  const busy = pauseAll.isPending || resumeAll.isPending;
  return (
    <div className="agents-toolbar">
      <span role="status" aria-label="Agents state" className={active > 0 ? 'status-active' : live.length > 0 ? 'status-paused' : 'muted'}>
        {state}
      </span>
      <button type="button" className="danger" disabled={busy || active === 0} onClick={() => pauseAll.mutate({})}>
        Pause all agents
      </button>
      <button type="button" disabled={busy || paused === 0} onClick={() => resumeAll.mutate({})}>
        Resume all agents
      </button>
      {pauseAll.data?.recorded === false && (
        <span role="alert" className="status-paused">
          Agents stopped; the record could not be written yet (is the disk full?). It is written as soon as the store can.
        </span>
      )}
      <ErrorText error={pauseAll.error ?? resumeAll.error ?? agents.error} what="Agents" />
    </div>
  );
}
