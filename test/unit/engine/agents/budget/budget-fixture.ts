import type { AgentMind } from '@engine/agents/agent-mind';
import type { BudgetContext } from '@engine/agents/budget/context';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { AgentDefinition } from '@shared/scenario/schema';
import { agent, campaign, mindAfter, reportedDays, reviewOf } from '../review-fixture';

/**
 * Two campaigns at 1,000 a day: `a` saturates early (its plan cuts it), `b` has room to grow
 * (its plan raises it), with a ROAS goal the plan balances them at.
 */
export const twoCampaigns = (over: Partial<CampaignInfo> = {}): CampaignInfo[] => [campaign('a', over), campaign('b', over)];

export const twoCampaignRows = [
  ...reportedDays('a', { maxConversions: 60, halfSaturationSpend: 300 }, 1000),
  ...reportedDays('b', { maxConversions: 200, halfSaturationSpend: 5000 }, 1000),
];

export function roasAgent(over: Record<string, unknown> = {}): AgentDefinition {
  return agent({ goals: [{ metric: 'roas', op: '>=', value: 1.5 }], ...over });
}

export async function twoCampaignMind(definition = roasAgent()): Promise<AgentMind> {
  return mindAfter(definition, twoCampaigns(), twoCampaignRows);
}

export function budgetReview(mind: AgentMind, campaigns: readonly CampaignInfo[], over: Partial<BudgetContext> = {}): BudgetContext {
  return { ...reviewOf(mind, campaigns), policies: [], maxTotal: 1e9, volatile: false, ...over };
}
