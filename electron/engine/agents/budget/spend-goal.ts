import type { CampaignInfo } from '@shared/domain/campaign';
import type { AgentDefinition } from '@shared/scenario/schema';
import { activeBudgetSum } from '@engine/guardrails/settings';
import { perDay } from '../planner';

/** The least the agent's active budgets should add up to a day: its highest spend goal (0 without one). */
export function spendFloor(agent: AgentDefinition): number {
  let floor = 0;
  for (const goal of agent.goals) if (goal.metric === 'spend' && goal.op === '>=') floor = Math.max(floor, perDay(goal));
  return floor;
}

/** How far the agent's active budgets fall short of its spend goals (per day); 0 when they do not. */
export function spendGap(agent: AgentDefinition, campaigns: readonly CampaignInfo[]): number {
  return Math.max(0, spendFloor(agent) - activeBudgetSum(campaigns));
}
