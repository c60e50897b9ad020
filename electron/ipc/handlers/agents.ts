import type { StoredAgent } from '@shared/domain/agent';
import { AGENT_EXPORT_FORMAT, type AgentView } from '@shared/ipc/channels/agents';
import type { Handlers } from '@shared/ipc/contract';
import { validateAgentDefinition } from '@shared/scenario/load';
import type { AgentDefinition } from '@shared/scenario/schema';
import { dryRun } from './dry-run';
import type { Services } from '../services';
import { AcmError } from '@shared/errors';
import { parseAgentImport } from './agent-import';

type AgentChannel =
  | 'agents.list'
  | 'agents.get'
  | 'agents.create'
  | 'agents.update'
  | 'agents.activate'
  | 'agents.pause'
  | 'agents.resume'
  | 'agents.terminate'
  | 'agents.pauseAll'
  | 'agents.resumeAll'
  | 'agents.dryRun'
  | 'agents.export'
  | 'agents.import';

export const agentHandlers = (services: Services): Pick<Handlers, AgentChannel> => {
  const { records, runtime } = services;
  // The runtime's word on status, not the store's: a pause is in effect even while a full disk keeps the store from recording it.
  const view = (agent: StoredAgent<AgentDefinition>): AgentView => ({ ...agent, status: runtime.statusInEffect(agent.id) ?? agent.status });

  function mustGet(id: string): StoredAgent<AgentDefinition> {
    const agent = records.agents.get(id);
    if (!agent) throw new AcmError('NOT_FOUND', `no agent with id ${id}`);
    return agent;
  }

  /** A person's word on an agent's status: the runtime refuses what the agent cannot do. */
  function change(id: string, act: () => unknown): AgentView {
    act();
    return view(mustGet(id));
  }

  async function campaignIds(): Promise<string[]> {
    return (await services.campaigns.list()).map((c) => c.id);
  }

  /** The checks a schema cannot make: the campaigns must exist in this account. */
  async function checkCampaigns(definition: AgentDefinition, where: string): Promise<void> {
    const checked = validateAgentDefinition(definition, await campaignIds());
    if (!checked.ok) {
      const [first] = checked.errors;
      throw new AcmError('INVALID_INPUT', `Invalid ${where}: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, {
        path: `definition.${first.path}`,
      });
    }
  }

  return {
    'agents.list': () => records.agents.list().map(view),
    'agents.get': ({ id }) => view(mustGet(id)),
    'agents.create': async ({ definition }) => {
      await checkCampaigns(definition, 'agent');
      const id = runtime.addAgent(definition);
      return view(mustGet(id));
    },
    'agents.update': async ({ id, definition }) => {
      await checkCampaigns(definition, 'agent');
      await runtime.updateAgent(id, definition);
      return view(mustGet(id));
    },
    'agents.activate': ({ id }) => change(id, () => runtime.resume(id)),
    'agents.pause': ({ id }) => change(id, () => runtime.pause(id)),
    'agents.resume': ({ id }) => change(id, () => runtime.resume(id)),
    'agents.terminate': ({ id }) => change(id, () => runtime.terminate(id)),
    'agents.pauseAll': () => {
      const { agentIds, recorded } = runtime.pauseAll();
      return { count: agentIds.length, agentIds, recorded };
    },
    'agents.resumeAll': () => {
      const agentIds = runtime.resumeAll();
      return { count: agentIds.length, agentIds, recorded: true };
    },
    'agents.dryRun': async ({ definition }) => {
      await checkCampaigns(definition, 'agent');
      return dryRun(runtime, definition);
    },
    'agents.export': ({ ids }) => {
      const agents = ids ? ids.map(mustGet) : records.agents.list().filter((a) => a.status !== 'terminated');
      // The status in effect, not the one the agent was created with; a terminated agent's file would start it paused, as every import does.
      const statusOf = (a: StoredAgent<AgentDefinition>) => (view(a).status === 'active' ? 'active' : 'paused');
      return { format: AGENT_EXPORT_FORMAT, agents: agents.map((a) => ({ ...a.definition, status: statusOf(a) })) };
    },
    'agents.import': async ({ text }) => {
      const parsed = parseAgentImport(text, await campaignIds());
      if (!parsed.ok) {
        const [first] = parsed.errors;
        const shown = parsed.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
        const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : '';
        throw new AcmError('INVALID_INPUT', `Cannot import: ${shown.join('; ')}${more}`, { path: first.path });
      }
      return runtime.addAgents(parsed.agents.map((definition) => ({ ...definition, status: 'paused' as const }))).map((id) => view(mustGet(id)));
    },
  };
};
