import { asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AgentStatus, StoredAgent } from '@shared/domain/agent';
import type { AuditKind } from '@shared/domain/audit';
import type { Goal } from '@shared/scenario/schema';
import { AcmError } from '@shared/errors';
import { isSqliteError } from '../errors';
import { fromJson, toJson } from '../json';
import { agentGoals, agents } from '../schema';
import type { Handles } from './handles';

/** What an agent is: its name, its definition, and the goals inside that definition, kept also as rows for queries. */
export interface AgentContent<Definition> {
  name: string;
  definition: Definition;
  goals: readonly Goal[];
}

export interface NewAgent<Definition> extends AgentContent<Definition> {
  id?: string;
  status?: AgentStatus;
}

export interface AgentRepository {
  create<D>(agent: NewAgent<D>, at: number): StoredAgent<D>;
  /** Replaces the name, definition and goal rows together. */
  update<D>(id: string, content: AgentContent<D>, at: number): StoredAgent<D>;
  setStatus(id: string, status: AgentStatus, at: number): StoredAgent;
  get<D = unknown>(id: string): StoredAgent<D> | undefined;
  list<D = unknown>(filter?: { status?: AgentStatus }): StoredAgent<D>[];
  goals(id: string): Goal[];
}

type AgentRow = typeof agents.$inferSelect;

const STATUS_KINDS: Record<AgentStatus, AuditKind> = { active: 'agent.resumed', paused: 'agent.paused', terminated: 'agent.terminated' };

function toAgent<D>(row: AgentRow): StoredAgent<D> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    definition: fromJson<D>(row.definition, `agent ${row.id} definition`),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createAgentRepository({ sqlite, db, audit }: Handles): AgentRepository {
  const byId = db
    .select()
    .from(agents)
    .where(eq(agents.id, sql.placeholder('id')))
    .prepare();

  function mustGet<D>(id: string): StoredAgent<D> {
    const row = byId.get({ id });
    if (!row) throw new AcmError('NOT_FOUND', `no agent with id ${id}`);
    return toAgent<D>(row);
  }

  function writeGoals(id: string, goals: readonly Goal[]): void {
    db.delete(agentGoals).where(eq(agentGoals.agentId, id)).run();
    if (goals.length === 0) return;
    db.insert(agentGoals)
      .values(goals.map((g, position) => ({ agentId: id, position, metric: g.metric, op: g.op, value: g.value, per: g.per, windowDays: g.window })))
      .run();
  }

  function uniqueName<T>(name: string, write: () => T): T {
    try {
      return write();
    } catch (e) {
      if (isSqliteError(e, 'SQLITE_CONSTRAINT_UNIQUE') && e.message.includes('agents.name')) {
        throw new AcmError('CONFLICT', `an agent named ${JSON.stringify(name)} already exists`);
      }
      throw e;
    }
  }

  return {
    create<D>(agent: NewAgent<D>, at: number) {
      const id = agent.id ?? randomUUID();
      const definition = toJson(agent.definition, `agent ${JSON.stringify(agent.name)} definition`);
      return uniqueName(agent.name, () =>
        sqlite.transaction(() => {
          db.insert(agents)
            .values({ id, name: agent.name, status: agent.status ?? 'active', definition, createdAt: at, updatedAt: at })
            .run();
          writeGoals(id, agent.goals);
          const stored = mustGet<D>(id);
          const content = toJson({ name: stored.name, status: stored.status, definition: stored.definition, goals: agent.goals }, `agent ${id}`);
          audit.append({ kind: 'agent.created', subject: id, agentId: id, content, row: 'agents' });
          return stored;
        })(),
      );
    },
    update<D>(id: string, content: AgentContent<D>, at: number) {
      const definition = toJson(content.definition, `agent ${JSON.stringify(content.name)} definition`);
      return uniqueName(content.name, () =>
        sqlite.transaction(() => {
          const { changes } = db.update(agents).set({ name: content.name, definition, updatedAt: at }).where(eq(agents.id, id)).run();
          if (changes === 0) throw new AcmError('NOT_FOUND', `no agent with id ${id}`);
          writeGoals(id, content.goals);
          const stored = mustGet<D>(id);
          audit.append({
            kind: 'agent.updated',
            subject: id,
            agentId: id,
            content: toJson({ name: stored.name, definition: stored.definition, goals: content.goals }, `agent ${id}`),
            row: 'agents',
          });
          return stored;
        })(),
      );
    },
    setStatus(id, status, at) {
      return sqlite.transaction(() => {
        const before = mustGet(id);
        // Unchanged, the row is left as it is: a write without an entry would unbind it from the chain.
        if (before.status !== status) {
          db.update(agents).set({ status, updatedAt: at }).where(eq(agents.id, id)).run();
          audit.append({
            kind: STATUS_KINDS[status],
            subject: id,
            agentId: id,
            content: toJson({ from: before.status, to: status, at }, `agent ${id} status`),
            row: 'agents',
          });
        }
        return mustGet(id);
      })();
    },
    get(id) {
      const row = byId.get({ id });
      return row && toAgent(row);
    },
    list(filter = {}) {
      const rows = db
        .select()
        .from(agents)
        .where(filter.status ? eq(agents.status, filter.status) : undefined)
        .orderBy(asc(agents.createdAt), asc(agents.id))
        .all();
      return rows.map((row) => toAgent(row));
    },
    goals(id) {
      return db
        .select()
        .from(agentGoals)
        .where(eq(agentGoals.agentId, id))
        .orderBy(asc(agentGoals.position))
        .all()
        .map((g) => ({ metric: g.metric, op: g.op, value: g.value, per: g.per, window: g.windowDays }));
    },
  };
}
