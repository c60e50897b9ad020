import type { Policy } from '@shared/scenario/schema';
import { DAY_MS } from '@shared/time';
import { daySpendCeiling } from './day-spend';
import { accountAfter, activeBudgetSum, budgetAt, changesWithin, pctChange } from './settings';
import type { Finding, GuardInput } from './types';

/** Account and platform policies (FORMAT.md, policies): breaking one blocks the action and alerts a person. */

const money = (n: number) => n.toFixed(2);

function check(policy: Policy, input: GuardInput): string | undefined {
  const { change, campaign, now, history } = input;
  switch (policy.rule) {
    case 'maxBudgetChangePctPerDay': {
      if (change.kind !== 'budget') return undefined;
      const base = budgetAt(history, campaign.id, now - DAY_MS, campaign.dailyBudget);
      const pct = pctChange(base, change.dailyBudget);
      return pct > policy.value + 1e-9
        ? `budget would move ${pct.toFixed(1)}% within 24 h (from ${money(base)} to ${money(change.dailyBudget)}); at most ${policy.value}% is allowed`
        : undefined;
    }
    case 'protectedLabel': {
      if (!campaign.labels.includes(policy.label)) return undefined;
      if (change.kind === 'status' && change.status === 'paused') return `the campaign is labelled '${policy.label}' and may not be paused`;
      if (change.kind === 'budget' && change.dailyBudget < campaign.dailyBudget)
        return `the campaign is labelled '${policy.label}' and its budget may not be cut`;
      return undefined;
    }
    case 'minDailyBudget':
      return change.kind === 'budget' && change.dailyBudget < policy.value - 1e-9
        ? `budget ${money(change.dailyBudget)} is below the policy minimum of ${money(policy.value)}`
        : undefined;
    case 'maxChangesPerDay': {
      const count = changesWithin(history, campaign.id, now - DAY_MS).length;
      return count + 1 > policy.value ? `the campaign already changed ${count} times in 24 h; at most ${policy.value} changes a day are allowed` : undefined;
    }
    case 'accountDailySpendCap':
      return capBreach(input, policy.value);
  }
}

function capBreach(input: GuardInput, cap: number): string | undefined {
  const { change, campaign, account } = input;
  if (change.kind !== 'budget' && change.kind !== 'status') return undefined;
  const before = activeBudgetSum(account);
  const after = activeBudgetSum(accountAfter(account, campaign, change));
  return after > cap + 1e-9 && after > before ? `the account's budgets would total ${money(after)} a day, above the cap of ${money(cap)}` : undefined;
}

/** The account's cap is on a day's spend (FORMAT.md): where the platform spends past budgets, on what the campaigns may spend in a day. */
function spendCapBreach(input: GuardInput, cap: number): string | undefined {
  const { change, campaign, account, spendCeilings } = input;
  if (!spendCeilings) return capBreach(input, cap);
  if (change.kind !== 'budget' && change.kind !== 'status') return undefined;
  const before = daySpendCeiling(account, spendCeilings);
  const after = daySpendCeiling(accountAfter(account, campaign, change), spendCeilings);
  if (!(after > cap + 1e-9 && after > before)) return undefined;
  const budgets = activeBudgetSum(accountAfter(account, campaign, change));
  return `the account's campaigns could spend ${money(after)} in a day (budgets of ${money(budgets)}, which the platform has lately overspent), above the cap of ${money(cap)}`;
}

/** The policies about one campaign alone (not the account's cap), for a campaign a shared budget's change moves too. */
export function campaignPolicyFindings(input: GuardInput): Finding[] {
  const findings: Finding[] = [];
  for (const policy of input.policies) {
    const message = policy.rule === 'accountDailySpendCap' ? undefined : check(policy, input);
    if (message) findings.push({ rule: `policy.${policy.id}`, message });
  }
  return findings;
}

export function policyFindings(input: GuardInput): Finding[] {
  const findings: Finding[] = [];
  for (const policy of input.policies) {
    const message = check(policy, input);
    if (message) findings.push({ rule: `policy.${policy.id}`, message });
  }
  for (const pool of input.pools ?? []) {
    if (!pool.campaignIds.includes(input.campaign.id) || (input.change.kind !== 'budget' && input.change.kind !== 'status')) continue;
    const before = activeBudgetSum(input.account, pool.campaignIds);
    const after = activeBudgetSum(accountAfter(input.account, input.campaign, input.change), pool.campaignIds);
    if (after > pool.dailyBudget + 1e-9 && after > before)
      findings.push({
        rule: `pool.${pool.id}`,
        message: `the campaigns of pool '${pool.id}' would budget ${money(after)} a day, above its ${money(pool.dailyBudget)}`,
      });
  }
  if (input.accountDailySpendCap !== undefined) {
    const message = spendCapBreach(input, input.accountDailySpendCap);
    if (message) findings.push({ rule: 'account.dailySpendCap', message });
  }
  return findings;
}
