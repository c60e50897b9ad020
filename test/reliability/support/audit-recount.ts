import { guard } from '@engine/guardrails/guard';
import { accountAfter, settingKey } from '@engine/guardrails/settings';
import type { AppliedChange, Finding, PoolLimit } from '@engine/guardrails/types';
import type { AuditEntry } from '@shared/domain/audit';
import type { CampaignInfo } from '@shared/domain/campaign';
import { toCampaignChange, type ChangeValue, type Decision } from '@shared/domain/decision';
import type { AgentDefinition, Policy, Pool } from '@shared/scenario/schema';

export interface RecountViolation {
  decisionId: string;
  /** The audit entry that recorded the execution. */
  seq: number;
  findings: Finding[];
}

export interface AuditRecountInput {
  /** The account before the first entry. */
  initial: readonly CampaignInfo[];
  entries: Iterable<AuditEntry>;
  policies: readonly Policy[];
  pools?: readonly Pool[];
  accountDailySpendCap?: number;
}

/** Rules a person's undo does not wait on (the agent's judgement, not money). */
const JUDGEMENT_RULES = new Set(['constraint.cooldownHours', 'constraint.minConversionsToAct']);

/** A decision as its `decision.proposed` / `decision.undo` entry recorded it: the row, column by column. */
function decisionOf(content: string): Decision {
  const row = JSON.parse(content) as Record<string, unknown>;
  const parse = <T>(text: unknown) => JSON.parse(text as string) as T;
  return {
    id: row.id as string,
    createdAt: row.created_at as number,
    agentId: row.agent_id as string,
    campaignId: row.campaign_id as string,
    kind: row.kind as Decision['kind'],
    before: parse<ChangeValue>(row.before),
    after: parse<ChangeValue>(row.after),
    reasoning: row.reasoning as string,
    confidence: row.confidence as number,
    prediction: { metric: 'revenue', windowHours: 1, point: 0, low80: 0, high80: 0 },
    metrics: parse<unknown>(row.metrics),
    state: row.state as Decision['state'],
    idempotencyKey: row.idempotency_key as string,
    ...(row.approved_by === null ? {} : { approvedBy: row.approved_by as string }),
    ...(row.parent_decision_id === null ? {} : { parentDecisionId: row.parent_decision_id as string }),
  } as Decision;
}

/**
 * Rebuilds, from the audit log alone, the account, the agents' definitions as they stood entry by
 * entry, and the applied changes, and judges every executed change against the limits in force
 * at the entry that recorded its execution. Independent of the runtime's memory: what it checks is
 * what the record says happened.
 */
export function recountFromAudit(input: AuditRecountInput): RecountViolation[] {
  let account: CampaignInfo[] = [...input.initial];
  const definitions = new Map<string, AgentDefinition>();
  const decisions = new Map<string, Decision>();
  const history: AppliedChange[] = [];
  const violations: RecountViolation[] = [];
  const campaignsOf = (d: AgentDefinition) => (d.campaigns === '*' ? account.map((c) => c.id) : d.campaigns);
  const pools = (): PoolLimit[] =>
    (input.pools ?? []).map((pool) => ({
      id: pool.id,
      dailyBudget: pool.dailyBudget,
      campaignIds: [...new Set([...definitions.values()].filter((d) => pool.agents.includes(d.name)).flatMap(campaignsOf))],
    }));

  for (const entry of input.entries) {
    const content = JSON.parse(entry.content) as Record<string, unknown>;
    if (entry.kind === 'agent.created' || entry.kind === 'agent.updated') definitions.set(entry.subject, content.definition as AgentDefinition);
    else if (entry.kind === 'decision.proposed' || entry.kind === 'decision.undo') decisions.set(entry.subject, decisionOf(entry.content));
    else if (entry.kind === 'decision.approved' || entry.kind === 'decision.state') {
      const decision = decisions.get(entry.subject)!;
      if (typeof content.approvedBy === 'string') decision.approvedBy = content.approvedBy;
      if (content.to !== 'executed') continue;
      const at = content.executedAt as number;
      const campaign = account.find((c) => c.id === decision.campaignId)!;
      const definition = definitions.get(decision.agentId)!;
      const ids = campaignsOf(definition);
      const change = toCampaignChange(decision);
      const verdict = guard({
        now: at,
        change,
        campaign,
        account,
        agentCampaignIds: ids,
        constraints: definition.constraints,
        policies: input.policies,
        accountDailySpendCap: input.accountDailySpendCap,
        pools: pools().filter((p) => p.campaignIds.includes(campaign.id)),
        history,
        evidenceConversions: (decision.metrics as { evidenceConversions?: number }).evidenceConversions ?? Number.POSITIVE_INFINITY,
        confidence: decision.confidence,
      });
      const isUndo = decision.parentDecisionId !== undefined;
      const findings: Finding[] = ids.includes(campaign.id)
        ? []
        : [{ rule: 'constraint.campaigns', message: `${campaign.id} is not among the agent's campaigns` }];
      if (verdict.outcome === 'block') findings.push(...verdict.findings.filter((f) => !(isUndo && JUDGEMENT_RULES.has(f.rule))));
      if (verdict.outcome === 'escalate' && decision.approvedBy === undefined) findings.push(...verdict.findings);
      if (findings.length > 0) violations.push({ decisionId: decision.id, seq: entry.seq, findings });
      history.push({ agentId: decision.agentId, campaignId: campaign.id, setting: settingKey(change), at, before: decision.before, after: decision.after });
      account = accountAfter(account, campaign, change);
    }
  }
  return violations;
}
