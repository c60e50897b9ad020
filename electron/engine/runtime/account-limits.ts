import type { CampaignInfo } from '@shared/domain/campaign';
import type { Policy, Pool } from '@shared/scenario/schema';
import { DAY_MS, HOUR_MS } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { DECISION_WINDOW_DAYS } from '../agents/budget-proposals';
import { poolRoom, resolvePools } from '../agents/pools';
import { daySpendCeiling, type SpendCeilings } from '../guardrails/day-spend';
import { activeBudgetSum } from '../guardrails/settings';

export type ResolvedPools = ReturnType<typeof resolvePools>;

/** The pools with their agents found among `minds` and their campaigns in `account`. */
export function agentPools(pools: readonly Pool[], minds: Iterable<AgentMind>, account: readonly CampaignInfo[]): ResolvedPools {
  if (pools.length === 0) return [];
  const members = [...minds].map((m) => ({ id: m.id, name: m.name, campaignIds: m.campaignsOf(account).map((c) => c.id) }));
  return resolvePools(pools, members);
}

/** How far back the guard and the arbiter look: the longest cooldown, and at least a decision window. */
export function memoryMs(minds: readonly AgentMind[]): number {
  return Math.max(...minds.map((m) => m.definition.constraints.cooldownHours * HOUR_MS), DECISION_WINDOW_DAYS * DAY_MS);
}

/**
 * The budget the agent's campaigns may have together under the account's cap on a day's spend:
 * where campaigns may overspend, what the others may spend leaves the room, which the agent's
 * budgets fill at their highest ceiling (so that no split of it could overrun the cap).
 */
function spendRoom(own: readonly CampaignInfo[], account: readonly CampaignInfo[], cap: number, others: number, ceilings?: SpendCeilings): number {
  if (!ceilings) return cap - others;
  const ownIds = new Set(own.map((c) => c.id));
  const othersSpend = daySpendCeiling(
    account.filter((c) => !ownIds.has(c.id)),
    ceilings,
  );
  const highest = Math.max(1, ...own.map((c) => ceilings.of(c.id)));
  return (cap - othersSpend) / highest;
}

/** The most the agent's campaigns may budget together: its own limit, the account's caps and its pools, less what others hold. */
export function maxTotal(
  mind: AgentMind,
  account: readonly CampaignInfo[],
  pools: ResolvedPools,
  policies: readonly Policy[],
  accountDailySpendCap: number | undefined,
  spendCeilings?: SpendCeilings,
): number {
  const own = mind.campaignsOf(account);
  const others = activeBudgetSum(account) - activeBudgetSum(own);
  let max = Math.min(
    mind.definition.constraints.maxDailySpend ?? Number.POSITIVE_INFINITY,
    poolRoom(
      mind.id,
      own.map((c) => c.id),
      pools,
      account,
    ),
  );
  if (accountDailySpendCap !== undefined) max = Math.min(max, spendRoom(own, account, accountDailySpendCap, others, spendCeilings));
  for (const p of policies) if (p.rule === 'accountDailySpendCap') max = Math.min(max, p.value - others);
  return Math.max(0, max);
}
