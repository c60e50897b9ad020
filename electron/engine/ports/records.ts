import type { AgentStatus, StoredAgent } from '@shared/domain/agent';
import type { Alert, NewAlert } from '@shared/domain/alert';
import type { AgentConflict, NewConflict } from '@shared/domain/conflict';
import type { Decision, DecisionState, Outcome } from '@shared/domain/decision';
import type { DecisionCursor, DecisionFilter, DecisionPage, PlatformAttempt, TransitionPatch } from '@shared/domain/decision-log';
import type { AgentDefinition, Goal } from '@shared/scenario/schema';

/**
 * What the engine needs of the record it keeps: the decision log, the agents, alerts, conflicts,
 * outcomes and campaign leases. The store fills this port (structurally: it never imports it);
 * the host hands the store over as it. Every write is audited by whoever implements it.
 */

export interface DecisionLog {
  insert(decision: Decision): Decision;
  /** Compare-and-set: moves the decision from `expected` to `next` only if it is still there; says whether it did. */
  transition(id: string, expected: DecisionState, next: DecisionState, patch?: TransitionPatch): boolean;
  get(id: string): Decision | undefined;
  /** Decisions committed as pending but not yet settled, oldest first. */
  listPending(): Decision[];
  /** Newest first, keyset-paged on (createdAt, id). */
  page(filter?: DecisionFilter, cursor?: DecisionCursor, limit?: number): DecisionPage;
  /** One campaign's decisions that reached the platform (executed, or undone since), created at or after `from`, newest first. */
  reachedPlatform(campaignId: string, from: number): Decision[];
  /** Logs one platform call for the decision. */
  recordAttempt(id: string, attempt: PlatformAttempt): void;
}

export interface AgentRecords {
  create(agent: { name: string; definition: AgentDefinition; goals: readonly Goal[]; status?: AgentStatus }, at: number): StoredAgent<AgentDefinition>;
  update(id: string, content: { name: string; definition: AgentDefinition; goals: readonly Goal[] }, at: number): StoredAgent<AgentDefinition>;
  setStatus(id: string, status: AgentStatus, at: number): StoredAgent;
  list(filter?: { status?: AgentStatus }): StoredAgent<AgentDefinition>[];
}

export interface AlertRecords {
  raise(alert: NewAlert): Alert;
  forDecision(decisionId: string): Alert[];
  resolve(id: string): boolean;
}

export interface ConflictRecords {
  insert(conflict: NewConflict): AgentConflict;
}

export interface OutcomeRecords {
  record(outcome: Outcome): Outcome;
  /** Most recently evaluated first: the agent's track record. */
  listForAgent(agentId: string, options?: { limit?: number }): Outcome[];
}

/** The exclusive right to act on a campaign, shared by every host on one record. */
export interface LeaseRecords {
  acquire(campaignId: string, owner: string, now: number, ttlMs: number): boolean;
  takeOver(campaignId: string, from: string, to: string, now: number, ttlMs: number): boolean;
  release(campaignId: string, owner: string): void;
  holder(campaignId: string, now: number): string | undefined;
}

export interface Records {
  readonly decisions: DecisionLog;
  readonly agents: AgentRecords;
  readonly alerts: AlertRecords;
  readonly conflicts: ConflictRecords;
  readonly outcomes: OutcomeRecords;
  readonly leases: LeaseRecords;
  /** Runs `fn` as one write transaction: all of it is recorded, or none. */
  immediate<T>(fn: () => T): T;
}
