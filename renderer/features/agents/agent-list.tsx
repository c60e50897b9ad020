import type { AgentView } from '@shared/ipc/channels/agents';
import { goalText } from '@renderer/shared/describe';
import { useNames } from '@renderer/shared/use-names';
import { AgentControls } from './agent-controls';
import { fromDefinition } from './builder-draft';
import { useBuilderStore } from './builder-store';

/** The agents with their state and controls; a paused agent can be activated from here. */
export function AgentList({ agents }: { agents: AgentView[] }) {
  const names = useNames();
  const start = useBuilderStore((s) => s.start);
  return (
    <table className="data-table">
      <caption>Agents</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Campaigns</th>
          <th scope="col">Goals</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((a) => (
          <tr key={a.id}>
            <th scope="row">{a.name}</th>
            <td>{a.definition.role}</td>
            <td>
              <span className={`pill status-${a.status}`}>{a.status}</span>
            </td>
            <td>{a.definition.campaigns === '*' ? 'All' : a.definition.campaigns.map(names.campaign).join(', ')}</td>
            <td>{a.definition.goals.map((g) => goalText(g, names.currency)).join('; ') || '—'}</td>
            <td>
              <AgentControls agent={a} activate />
              {a.status !== 'terminated' && (
                <button type="button" className="link" onClick={() => start(fromDefinition(a.definition), { id: a.id, status: a.definition.status })}>
                  Edit
                </button>
              )}
              <button type="button" className="link" onClick={() => start({ ...fromDefinition(a.definition), name: `${a.name} (copy)` })}>
                Copy to new agent
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
