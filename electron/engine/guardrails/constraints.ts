import { HOUR_MS } from '@shared/time';
import { accountAfter, activeBudgetSum, changesWithin, pctChange, settingKey } from './settings';
import type { Check, GuardInput } from './types';

/** The agent's own constraints (FORMAT.md, agents): breaking one blocks the action. */

const money = (n: number) => n.toFixed(2);

const allowedAction: Check = ({ change, constraints }) =>
  constraints.actions.includes(change.kind)
    ? undefined
    : { rule: 'constraint.actions', message: `${change.kind} changes are not among this agent's allowed actions (${constraints.actions.join(', ')})` };

const budgetStep: Check = ({ change, campaign, constraints }) => {
  if (change.kind !== 'budget') return undefined;
  const pct = pctChange(campaign.dailyBudget, change.dailyBudget);
  return pct > constraints.maxBudgetChangePct + 1e-9
    ? {
        rule: 'constraint.maxBudgetChangePct',
        message: `budget ${money(campaign.dailyBudget)} → ${money(change.dailyBudget)} moves ${pct.toFixed(1)}%, more than the ${constraints.maxBudgetChangePct}% allowed in one action`,
      }
    : undefined;
};

const budgetBounds: Check = ({ change, campaign, constraints }) => {
  if (change.kind !== 'budget') return undefined;
  const min = constraints.minDailyBudget ?? campaign.minDailyBudget;
  if (change.dailyBudget < min - 1e-9)
    return { rule: 'constraint.minDailyBudget', message: `budget ${money(change.dailyBudget)} is below the minimum of ${money(min)}` };
  const max = constraints.maxDailyBudget;
  if (max !== undefined && change.dailyBudget > max + 1e-9)
    return { rule: 'constraint.maxDailyBudget', message: `budget ${money(change.dailyBudget)} is above the maximum of ${money(max)}` };
  return undefined;
};

const agentSpend: Check = ({ change, campaign, account, agentCampaignIds, constraints }) => {
  const cap = constraints.maxDailySpend;
  if (cap === undefined || (change.kind !== 'budget' && change.kind !== 'status')) return undefined;
  const before = activeBudgetSum(account, agentCampaignIds);
  const after = activeBudgetSum(accountAfter(account, campaign, change), agentCampaignIds);
  // A change that lowers the sum is always welcome, even while the sum is still over the cap.
  return after > cap + 1e-9 && after > before
    ? { rule: 'constraint.maxDailySpend', message: `the agent's campaigns would budget ${money(after)} a day, above its limit of ${money(cap)}` }
    : undefined;
};

export const cooldown: Check = ({ change, now, history, constraints }) => {
  const setting = settingKey(change);
  const recent = changesWithin(history, change.campaignId, now - constraints.cooldownHours * HOUR_MS).find((h) => h.setting === setting);
  return recent
    ? {
        rule: 'constraint.cooldownHours',
        message: `${setting} last changed ${((now - recent.at) / HOUR_MS).toFixed(1)} h ago; the cooldown is ${constraints.cooldownHours} h`,
      }
    : undefined;
};

/** A shared budget moves campaigns besides this one: only an agent that manages every one of them may move it. */
const sharedWithOthers: Check = ({ change, campaign, account, agentCampaignIds }) => {
  if (change.kind !== 'budget' || !campaign.sharedBudget) return undefined;
  const managed = new Set(agentCampaignIds);
  const others = campaign.sharedBudget.campaignIds.filter((id) => id !== campaign.id && !managed.has(id));
  if (others.length === 0) return undefined;
  const names = others.map((id) => `'${account.find((c) => c.id === id)?.name ?? id}'`).join(', ');
  return {
    rule: 'constraint.campaigns',
    message: `the budget '${campaign.sharedBudget.name}' is shared with ${names}, which this agent does not manage; it may move only a budget all of whose campaigns are its own`,
  };
};

const evidence: Check = ({ evidenceConversions, constraints }) =>
  evidenceConversions + 1e-9 < constraints.minConversionsToAct
    ? {
        rule: 'constraint.minConversionsToAct',
        message: `only ${evidenceConversions.toFixed(1)} conversions observed; ${constraints.minConversionsToAct} are needed before acting`,
      }
    : undefined;

export const constraintChecks: readonly Check[] = [allowedAction, budgetStep, budgetBounds, agentSpend, cooldown, evidence, sharedWithOthers];

/** Reasons to ask a person first rather than to refuse: low confidence, a large raise. */
export function escalationFindings(input: GuardInput) {
  const { change, campaign, constraints, confidence } = input;
  const findings = [];
  if (confidence < constraints.minConfidence) {
    findings.push({
      rule: 'constraint.minConfidence',
      message: `confidence ${confidence.toFixed(2)} is below the agent's threshold of ${constraints.minConfidence}`,
    });
  }
  const limit = constraints.approvalAboveBudgetChange;
  // Cuts lower the money at risk, so only a raise above the limit waits for a person.
  if (limit !== undefined && change.kind === 'budget' && change.dailyBudget - campaign.dailyBudget > limit) {
    findings.push({
      rule: 'constraint.approvalAboveBudgetChange',
      message: `a raise of ${money(change.dailyBudget - campaign.dailyBudget)} is above the ${money(limit)} that may apply without approval`,
    });
  }
  return findings;
}
