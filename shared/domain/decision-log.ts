import type { ChangeKind } from './campaign';
import type { Decision, DecisionState } from './decision';

/**
 * How the decision log is read and moved: the shapes the engine's records port asks for and the
 * store answers with.
 */

export interface DecisionFilter {
  agentId?: string;
  campaignId?: string;
  states?: readonly DecisionState[];
  kinds?: readonly ChangeKind[];
  /** Inclusive lower bound on createdAt. */
  from?: number;
  /** Exclusive upper bound on createdAt. */
  to?: number;
}

/** Where the next page starts: the last row of the previous page. */
export interface DecisionCursor {
  createdAt: number;
  id: string;
}

export interface DecisionPage {
  items: Decision[];
  /** Absent on the last page. */
  next?: DecisionCursor;
}

/** Fields a transition may set along with the state; fields left out keep their values. */
export interface TransitionPatch {
  error?: string;
  executedAt?: number;
  approvedBy?: string;
}

export const MAX_PAGE_SIZE = 500;

/** Every decision `filter` matches, newest first, read a page at a time: a whole run or period without a cursor kept by hand. */
export function* everyDecision(
  log: { page(filter: DecisionFilter, cursor: DecisionCursor | undefined, limit: number): DecisionPage },
  filter: DecisionFilter = {},
): Generator<Decision> {
  let cursor: DecisionCursor | undefined;
  do {
    const page = log.page(filter, cursor, MAX_PAGE_SIZE);
    yield* page.items;
    cursor = page.next;
  } while (cursor);
}

/** One call to the platform for a decision, as the audit log keeps it: what came of it and when. */
export interface PlatformAttempt {
  attempt: number;
  at: number;
  result: 'applied' | 'found-applied' | 'error';
  error?: string;
}
