import type { CampaignInfo } from '@shared/domain/campaign';
import type { Pool } from '@shared/scenario/schema';
import { activeBudgetSum } from '../guardrails/settings';
import type { PoolLimit } from '../guardrails/types';

export interface PoolMember {
  id: string;
  name: string;
  campaignIds: readonly string[];
}

/** A pool with its agents found by name and its campaigns: every campaign any of its agents manages. */
export function resolvePools(pools: readonly Pool[], members: readonly PoolMember[]): (PoolLimit & { agentIds: string[] })[] {
  return pools.map((pool) => {
    const inPool = members.filter((m) => pool.agents.includes(m.name));
    return { id: pool.id, dailyBudget: pool.dailyBudget, agentIds: inPool.map((m) => m.id), campaignIds: [...new Set(inPool.flatMap((m) => m.campaignIds))] };
  });
}

/** The most an agent's campaigns may budget together under its pools: each pool's budget less what the pool's other campaigns hold. */
export function poolRoom(
  agentId: string,
  own: readonly string[],
  pools: readonly (PoolLimit & { agentIds: string[] })[],
  account: readonly CampaignInfo[],
): number {
  let room = Number.POSITIVE_INFINITY;
  for (const pool of pools) {
    if (!pool.agentIds.includes(agentId)) continue;
    const others = pool.campaignIds.filter((id) => !own.includes(id));
    room = Math.min(room, pool.dailyBudget - activeBudgetSum(account, others));
  }
  return Math.max(0, room);
}

/**
 * How a pool is shared among agents that manage different campaigns: each asks for the total its
 * own plan wants (its campaigns' marginal returns against its goals decide that), and the pool
 * is handed out in proportion to weight = priority × (0.5 + track record), no agent getting more
 * than it asked for, what one leaves over going to the others by the same weights.
 */
export function shareBudget(total: number, asks: readonly { agentId: string; desired: number; weight: number }[]): Map<string, number> {
  const grants = new Map(asks.map((a) => [a.agentId, 0]));
  let left = total;
  let open = asks.filter((a) => a.desired > 0 && a.weight > 0);
  while (left > 1e-6 && open.length > 0) {
    const weights = open.reduce((s, a) => s + a.weight, 0);
    const capped = open.filter((a) => grants.get(a.agentId)! + (left * a.weight) / weights >= a.desired);
    if (capped.length === 0) {
      for (const a of open) grants.set(a.agentId, grants.get(a.agentId)! + (left * a.weight) / weights);
      left = 0;
      break;
    }
    for (const a of capped) {
      left -= a.desired - grants.get(a.agentId)!;
      grants.set(a.agentId, a.desired);
    }
    open = open.filter((a) => !capped.includes(a));
  }
  return grants;
}

export function poolWeight(priority: number, trackRecord: number): number {
  return priority * (0.5 + trackRecord);
}
