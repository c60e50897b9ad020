import type { AgentView } from '@shared/ipc/channels/agents';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';

const REFRESH = ['agents.', 'monitor.', 'alerts.', 'decisions.'];

/**
 * Pause, Resume and Terminate for one agent; `activate` shows Activate instead of Resume for an
 * agent saved from the builder. Terminating asks first: it cannot be undone.
 */
export function AgentControls({ agent, activate = false }: { agent: Pick<AgentView, 'id' | 'name' | 'status'>; activate?: boolean }) {
  const pause = useAcmMutation('agents.pause', REFRESH);
  const resume = useAcmMutation(activate ? 'agents.activate' : 'agents.resume', REFRESH);
  const terminate = useAcmMutation('agents.terminate', REFRESH);
  const busy = pause.isPending || resume.isPending || terminate.isPending;
  if (agent.status === 'terminated') return <span className="muted">Terminated</span>;
  const onTerminate = () => {
    if (window.confirm(`Terminate ${agent.name}? It stops for good and cannot be resumed.`)) terminate.mutate({ id: agent.id });
  };
  return (
    <div className="controls" role="group" aria-label={`Controls for ${agent.name}`}>
      {agent.status === 'active' ? (
        <button type="button" disabled={busy} onClick={() => pause.mutate({ id: agent.id })}>
          Pause
        </button>
      ) : (
        <button type="button" className={activate ? 'primary' : undefined} disabled={busy} onClick={() => resume.mutate({ id: agent.id })}>
          {activate ? 'Activate' : 'Resume'}
        </button>
      )}
      <button type="button" className="danger" disabled={busy} onClick={onTerminate}>
        Terminate
      </button>
      <ErrorText error={pause.error ?? resume.error ?? terminate.error} what={`${agent.name}`} />
    </div>
  );
}
