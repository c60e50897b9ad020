import type { Finding, Verdict } from '../guardrails/types';

/** The rule an escalation names when the account may only be read. */
export const RECOMMEND_ONLY_RULE = 'account.recommendOnly';

/** Why nothing an agent decides is sent on an account that may only be read. */
export function recommendOnlyFinding(reason: string): Finding {
  return { rule: RECOMMEND_ONLY_RULE, message: `recommend only: ${reason}` };
}

/**
 * The guard's verdict on an account that may only be read (`reason` set): what it would let
 * through, or ask about, is asked of a person with the reason beside the guard's own; what it
 * blocks stays blocked, since it would not be worth recommending either.
 */
export function recommendOnlyVerdict(verdict: Verdict, reason: string | undefined): Verdict {
  if (reason === undefined || verdict.outcome === 'block') return verdict;
  const guarded = verdict.outcome === 'escalate' ? verdict.findings : [];
  return { outcome: 'escalate', findings: [...guarded, recommendOnlyFinding(reason)] };
}
