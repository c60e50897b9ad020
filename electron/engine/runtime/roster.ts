import type { AgentStatus } from '@shared/domain/agent';
import { AcmError } from '@shared/errors';
import type { AgentDefinition } from '@shared/scenario/schema';
import { AgentMind } from '../agents/agent-mind';
import type { Notices } from './notices';
import type { RuntimeDeps, StatusChange } from './runtime-deps';

/**
 * The agents of one account and a person's word on their status. A stop (pause, terminate, the
 * circuit breaker) takes effect in memory first: the executor checks it right before every
 * platform call, so nothing starts after it returns, whatever becomes of recording it. The
 * record (the status, the cancelled decisions) follows; a store that cannot write now (a full
 * disk) gets it again at every tick until it can.
 */
export class AgentRoster {
  private readonly minds = new Map<string, AgentMind>();
  /** Statuses in effect that the store could not record yet. */
  private readonly unrecorded = new Map<string, AgentStatus>();

  constructor(
    private readonly deps: Pick<RuntimeDeps, 'store' | 'clock' | 'zone' | 'calendar' | 'log' | 'platform' | 'holdout'>,
    private readonly notices: Notices,
  ) {}

  /** Takes up the agents the store already has (after a restart). */
  load(): void {
    for (const stored of this.deps.store.agents.list()) {
      if (!this.minds.has(stored.id)) this.minds.set(stored.id, this.mindOf(stored.id, stored.definition, stored.status));
    }
  }

  /** Adds agents all together or none (a name already taken refuses the whole set). */
  add(definitions: readonly AgentDefinition[]): string[] {
    const now = this.deps.clock.now();
    const stored = this.deps.store.immediate(() =>
      definitions.map((definition) =>
        this.deps.store.agents.create({ name: definition.name, definition, goals: definition.goals, status: definition.status }, now),
      ),
    );
    for (const agent of stored) {
      this.minds.set(agent.id, this.mindOf(agent.id, agent.definition, agent.status));
      this.notices.agentChanged(agent.id, agent.status);
    }
    return stored.map((agent) => agent.id);
  }

  /** An agent that does not run: what a preview reviews with. */
  mindOf(id: string, definition: AgentDefinition, status: AgentStatus): AgentMind {
    const holdout = this.deps.holdout;
    return new AgentMind(id, definition, status, this.deps.calendar ?? [], this.deps.zone, this.deps.platform.reportsSettleDays, holdout && (() => holdout()));
  }

  get(agentId: string): AgentMind {
    const mind = this.minds.get(agentId);
    if (!mind) throw new AcmError('NOT_FOUND', `no agent with id ${agentId}`);
    return mind;
  }

  find(agentId: string): AgentMind | undefined {
    return this.minds.get(agentId);
  }

  all(): AgentMind[] {
    return [...this.minds.values()];
  }

  pause(agentId: string): StatusChange {
    const mind = this.get(agentId);
    if (mind.status !== 'active') throw new AcmError('CONFLICT', `cannot pause agent ${mind.name}: it is ${mind.status}`);
    return this.stop([agentId], 'paused');
  }

  pauseAll(): StatusChange {
    return this.stop(
      this.all()
        .filter((m) => m.status === 'active')
        .map((m) => m.id),
      'paused',
    );
  }

  terminate(agentId: string): StatusChange {
    return this.stop([agentId], 'terminated');
  }

  /** Recorded first, unlike a stop: an agent acts again only once the record says so. */
  resume(agentId: string): void {
    const mind = this.get(agentId);
    if (mind.status !== 'paused') throw new AcmError('CONFLICT', `cannot resume agent ${mind.name}: it is ${mind.status}`);
    this.record(agentId, 'active');
    mind.status = 'active';
    this.notices.agentChanged(agentId, 'active');
  }

  /** Stops agents in memory first, then records it: the status, and the cancellation of every decision pending or awaiting approval. */
  stop(agentIds: readonly string[], status: 'paused' | 'terminated'): StatusChange {
    const minds = agentIds.map((id) => this.get(id));
    for (const mind of minds) {
      if (mind.status === 'terminated') throw new AcmError('CONFLICT', `agent ${mind.name} is terminated`);
    }
    for (const mind of minds) mind.status = status;
    for (const mind of minds) this.notices.agentChanged(mind.id, status);
    let recorded = true;
    for (const mind of minds) {
      try {
        this.record(mind.id, status);
      } catch (error) {
        recorded = false;
        this.unrecorded.set(mind.id, status);
        this.deps.log?.(`${mind.name} is ${status}, but the store could not record it yet; it is written again at every tick`, error);
      }
    }
    return { agentIds: [...agentIds], recorded };
  }

  /** Statuses in effect that the store could not write when they were set: written now if it can. */
  recordStatuses(): void {
    for (const [agentId, status] of this.unrecorded) {
      if (this.minds.get(agentId)?.status !== status) {
        this.unrecorded.delete(agentId);
        continue;
      }
      try {
        this.record(agentId, status);
      } catch (error) {
        this.deps.log?.(`recording that ${this.get(agentId).name} is ${status} failed again`, error);
        return;
      }
    }
  }

  /** Writes an agent's status, with the cancellation of its open decisions when it stops; throws when the store cannot. */
  private record(agentId: string, status: AgentStatus): void {
    const now = this.deps.clock.now();
    this.deps.store.immediate(() => {
      this.deps.store.agents.setStatus(agentId, status, now);
      if (status !== 'active') {
        for (const d of this.deps.store.decisions.page({ agentId, states: ['pending', 'escalated'] }, undefined, 500).items) {
          this.deps.store.decisions.transition(d.id, d.state, 'cancelled', { error: `the agent was ${status}` });
        }
      }
    });
    this.unrecorded.delete(agentId);
  }
}
