import type { CampaignInfo } from '@shared/domain/campaign';
import { toCampaignChange, type Decision } from '@shared/domain/decision';
import type { Holdout } from '@shared/domain/experiment';
import type { AgentDefinition, Policy, Pool } from '@shared/scenario/schema';
import { guard } from './guard';
import { accountAfter, settingKey } from './settings';
import type { AppliedChange, Finding, PoolLimit } from './types';

export interface Violation {
  decisionId: string;
  findings: Finding[];
}

export interface RecountInput {
  /** The account before any decision. */
  initial: readonly CampaignInfo[];
  /** Every decision of the log; only those that reached the platform are judged. */
  decisions: readonly Decision[];
  agents: ReadonlyMap<string, AgentDefinition>;
  policies: readonly Policy[];
  /** Shared budget pools, agents named as in the scenario. */
  pools?: readonly Pool[];
  accountDailySpendCap?: number;
  /** The campaigns an experiment held out: an agent's change that reached one is a violation, whatever else allowed it. */
  holdout?: Holdout;
}

/**
 * An independent recount of the limits over the log: replays every change that reached the
 * platform in the order it was applied, on an account rebuilt from the log alone (not from the
 * engine's memory), and judges each against the constraints and policies in force. An
 * escalated change counts only if nobody approved it; a person's undo is theirs, not an agent's.
 */
export function recountViolations(input: RecountInput): Violation[] {
  let account: CampaignInfo[] = [...input.initial];
  const history: AppliedChange[] = [];
  const violations: Violation[] = [];
  const campaignsOf = (agent: AgentDefinition) => (agent.campaigns === '*' ? input.initial.map((c) => c.id) : agent.campaigns);
  const pools: PoolLimit[] = (input.pools ?? []).map((pool) => ({
    id: pool.id,
    dailyBudget: pool.dailyBudget,
    campaignIds: [...new Set([...input.agents.values()].filter((a) => pool.agents.includes(a.name)).flatMap(campaignsOf))],
  }));
  const applied = input.decisions
    .filter((d) => (d.state === 'executed' || d.state === 'undone') && d.executedAt !== undefined)
    .sort((a, b) => a.executedAt! - b.executedAt! || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const d of applied) {
    const campaign = account.find((c) => c.id === d.campaignId);
    const agent = input.agents.get(d.agentId);
    const change = toCampaignChange(d);
    if (!campaign || !agent) {
      violations.push({
        decisionId: d.id,
        findings: [{ rule: 'recount.unknown', message: `decision ${d.id} names an unknown ${campaign ? 'agent' : 'campaign'}` }],
      });
      continue;
    }
    if (d.parentDecisionId === undefined) {
      const ids = agent.campaigns === '*' ? account.map((c) => c.id) : agent.campaigns;
      const verdict = guard({
        now: d.executedAt!,
        change,
        campaign,
        account,
        agentCampaignIds: ids,
        constraints: agent.constraints,
        policies: input.policies,
        accountDailySpendCap: input.accountDailySpendCap,
        holdout: input.holdout,
        pools: pools.filter((p) => p.campaignIds.includes(d.campaignId)),
        history,
        evidenceConversions: evidenceOf(d),
        confidence: d.confidence,
      });
      if (verdict.outcome === 'block' || (verdict.outcome === 'escalate' && !d.approvedBy)) violations.push({ decisionId: d.id, findings: verdict.findings });
    }
    history.push({ campaignId: d.campaignId, setting: settingKey(change), at: d.executedAt!, before: d.before, after: d.after });
    account = accountAfter(account, campaign, change);
  }
  return violations;
}

function evidenceOf(d: Decision): number {
  const value = (d.metrics as { evidenceConversions?: unknown } | null)?.evidenceConversions;
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}
