import type { CampaignInfo } from '@shared/domain/campaign';
import type { Holdout } from '@shared/domain/experiment';
import { toCampaignChange, type Decision } from '@shared/domain/decision';
import type { AgentDefinition, Policy } from '@shared/scenario/schema';
import type { SpendCeilings } from '../guardrails/day-spend';
import { guard } from '../guardrails/guard';
import type { AppliedChange, Finding, PoolLimit } from '../guardrails/types';

/** An undo a person asked for despite the agent's own limits (and its pause): recorded on the undo decision itself. */
export function overridesLimits(decision: Decision): boolean {
  return decision.parentDecisionId !== undefined && (decision.metrics as { overrideLimits?: unknown } | null)?.overrideLimits === true;
}

/** Rules about an agent's judgement, not about money: a person's undo does not wait on them. */
const JUDGEMENT_RULES = new Set(['constraint.cooldownHours', 'constraint.minConversionsToAct']);

/** The rules a person's override sets aside: the agent's own constraints. Sanity bounds, policies, pools and caps stand. */
const isAgentConstraint = (rule: string) => rule.startsWith('constraint.');

export interface LimitsInForce {
  definition: AgentDefinition;
  /** The account as it stands, the campaign of the decision included as the platform has it now. */
  account: readonly CampaignInfo[];
  policies: readonly Policy[];
  accountDailySpendCap?: number;
  spendCeilings?: SpendCeilings;
  /** Campaigns running experiments hold out. */
  holdout?: Holdout;
  pools: readonly PoolLimit[];
  /** The campaign's applied changes within the longest window a limit looks at. */
  history: readonly AppliedChange[];
  now: number;
}

/**
 * What refuses a decision now, under the limits in force at this moment (not those it was made
 * or escalated under): the agent's definition as it stands (its campaigns, actions, bounds, step,
 * spend limit), the account's policies and caps, the pools. A decision a person approved (or
 * asked for: an undo) is not sent back to them; one nobody approved is refused when it would now
 * need approval (its agent's threshold or approval limit changed while it waited to be sent).
 */
export function executionRefusals(decision: Decision, campaign: CampaignInfo, limits: LimitsInForce, { awaitingApproval = false } = {}): Finding[] {
  const { definition, account } = limits;
  const agentCampaignIds = definition.campaigns === '*' ? account.map((c) => c.id) : definition.campaigns;
  const findings: Finding[] = [];
  if (!agentCampaignIds.includes(campaign.id)) {
    findings.push({ rule: 'constraint.campaigns', message: `campaign ${campaign.name} is no longer among the agent's campaigns` });
  }
  const verdict = guard({
    now: limits.now,
    change: toCampaignChange(decision),
    campaign,
    account,
    agentCampaignIds,
    constraints: definition.constraints,
    policies: limits.policies,
    accountDailySpendCap: limits.accountDailySpendCap,
    spendCeilings: limits.spendCeilings,
    holdout: limits.holdout,
    pools: limits.pools.filter((p) => p.campaignIds.includes(campaign.id)),
    history: limits.history,
    evidenceConversions: evidenceOf(decision),
    confidence: decision.confidence,
  });
  if (verdict.outcome === 'block') findings.push(...verdict.findings);
  if (verdict.outcome === 'escalate' && decision.approvedBy === undefined && !awaitingApproval) {
    findings.push(...verdict.findings.map((f) => ({ rule: f.rule, message: `it would now need a person's approval: ${f.message}` })));
  }
  const isUndo = decision.parentDecisionId !== undefined;
  return findings.filter((f) => !(isUndo && JUDGEMENT_RULES.has(f.rule)) && !(overridesLimits(decision) && isAgentConstraint(f.rule)));
}

function evidenceOf(decision: Decision): number {
  const value = (decision.metrics as { evidenceConversions?: unknown } | null)?.evidenceConversions;
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}
