import type { Decision } from '@shared/domain/decision';
import { everyDecision } from '@shared/domain/decision-log';
import type { DecisionLog } from '../ports/records';
import { settingKey } from '../guardrails/settings';
import { DAY_MS } from '@shared/time';
import type { AppliedChange } from '../guardrails/types';

/** A decision that reached the platform, as the guard's history of applied changes. */
export function appliedChangeOf(decision: Decision): AppliedChange {
  return {
    agentId: decision.agentId,
    campaignId: decision.campaignId,
    setting: settingKey(decision.after as Parameters<typeof settingKey>[0]),
    at: decision.executedAt ?? decision.createdAt,
    before: decision.before,
    after: decision.after,
  };
}

/**
 * Changes applied since `since`, by any agent (to one campaign when `campaignId` is given), read
 * from the store: the store and not an agent's memory is the truth, so two hosts on one database
 * see each other's changes. An undone decision's change did happen, and so did its undo: both count.
 */
export function appliedSince(decisions: Pick<DecisionLog, 'page' | 'reachedPlatform'>, since: number, campaignId?: string): AppliedChange[] {
  const reached = (d: Decision) => d.executedAt !== undefined && d.executedAt > since;
  // One campaign's, asked before every change is sent: one prepared query. Filtered on creation time: a decision approved a day after it was made executed later.
  if (campaignId !== undefined)
    return decisions
      .reachedPlatform(campaignId, since - DAY_MS)
      .filter(reached)
      .map(appliedChangeOf);
  const out: AppliedChange[] = [];
  for (const d of everyDecision(decisions, { states: ['executed', 'undone'], from: since - DAY_MS })) if (reached(d)) out.push(appliedChangeOf(d));
  return out;
}
