import type { DryRunView } from '@shared/ipc/channels/agents';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { AgentRuntime } from '@engine/runtime/agent-runtime';

/**
 * The agent builder's preview: one decision cycle of an agent that does not exist yet,
 * executing nothing (AgentRuntime.preview), in the contract's shape.
 */
export async function dryRun(runtime: Pick<AgentRuntime, 'preview'>, definition: AgentDefinition): Promise<DryRunView> {
  const preview = await runtime.preview(definition);
  return {
    at: preview.at,
    proposals: preview.proposals.map(({ proposal: p, verdict }) => ({
      campaignId: p.campaign.id,
      campaignName: p.campaign.name,
      before: p.before,
      after: p.after,
      reasoning: p.reasoning,
      confidence: p.confidence,
      prediction: p.prediction,
      verdict: verdict.outcome === 'block' ? 'block' : verdict.outcome === 'escalate' ? 'escalate' : 'execute',
      findings: verdict.outcome === 'allow' ? [] : verdict.findings.map((f) => f.message),
    })),
    held: preview.held,
    atRisk: preview.atRisk,
    daysObserved: preview.daysObserved,
  };
}
