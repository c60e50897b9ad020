import type { CampaignChange } from './campaign';
import type { Prediction } from './decision';

/** One agent's proposal for a setting, as the arbiter saw it. */
export interface ConflictProposal {
  /** The decision the proposal became, when it became one. */
  decisionId?: string;
  change: CampaignChange;
  reasoning: string;
  confidence: number;
  prediction: Prediction;
}

/**
 * Two agents proposed changes to the same campaign setting in one tick. The winner acted; the
 * loser's proposal is kept whole, reasoning and prediction included, as its dissent for review.
 */
export interface AgentConflict {
  id: string;
  createdAt: number;
  campaignId: string;
  /** The setting both wanted, e.g. `budget` or `creative:cr-2`. */
  setting: string;
  winnerAgentId: string;
  loserAgentId: string;
  /** How the arbiter chose, e.g. `priority`. */
  rule: string;
  winnerProposal: ConflictProposal;
  loserProposal: ConflictProposal;
  reviewed: boolean;
}

/** A conflict as the arbiter records it: the store gives it its id (unless one is given), not yet reviewed. */
export type NewConflict = Omit<AgentConflict, 'id' | 'reviewed'> & { id?: string };
