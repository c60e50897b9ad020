/** An agent as the app keeps it. Times are epoch milliseconds, UTC. */

export const AGENT_STATUSES = ['active', 'paused', 'terminated'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/**
 * What an agent's latest review asked for and how much of it went ahead: the arbiter's, the
 * guardrails' and the platform's say, with a reason for each proposal that did not.
 */
export interface ReviewReport {
  /** When the review ran (epoch ms, simulated time). */
  at: number;
  asked: number;
  granted: number;
  why: string[];
}

/**
 * `definition` is the agent in the scenario format's shape (shared/scenario owns that schema);
 * the store keeps it whole and callers name its type.
 */
export interface StoredAgent<Definition = unknown> {
  id: string;
  name: string;
  status: AgentStatus;
  definition: Definition;
  createdAt: number;
  updatedAt: number;
}
