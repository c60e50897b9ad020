import { z } from 'zod';
import { AGENT_STATUSES } from '@shared/domain/agent';
import { AgentDefinitionSchema } from '@shared/scenario/schema';
import { channel, event } from '../define';
import { predictionSchema, changeValueSchema } from './decisions';

const noArguments = z.object({}).strict();
const byId = z.object({ id: z.string().min(1) }).strict();

/** An agent as the app keeps it, its definition in the scenario format's shape. */
export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(AGENT_STATUSES),
  definition: AgentDefinitionSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type AgentView = z.infer<typeof agentSchema>;

/** What one decision cycle would do now, executing nothing. */
export const dryRunSchema = z.object({
  at: z.number(),
  proposals: z.array(
    z.object({
      campaignId: z.string(),
      campaignName: z.string(),
      before: changeValueSchema,
      after: changeValueSchema,
      reasoning: z.string(),
      confidence: z.number(),
      prediction: predictionSchema,
      /** What the guardrails would make of it: act at once, ask a person, or refuse. */
      verdict: z.enum(['execute', 'escalate', 'block']),
      findings: z.array(z.string()),
    }),
  ),
  held: z.array(z.object({ campaignId: z.string(), why: z.string() })),
  atRisk: z.array(z.string()),
  /** Days of reported data the preview learned from; a fresh account has little. */
  daysObserved: z.number(),
});
export type DryRunView = z.infer<typeof dryRunSchema>;

export const AGENT_EXPORT_FORMAT = 'acm-agents/1';
export const agentExportSchema = z.object({ format: z.literal(AGENT_EXPORT_FORMAT), agents: z.array(AgentDefinitionSchema) });

/**
 * `recorded: false`: the agents are stopped (nothing they do reaches the platform any more) but
 * the store could not write it yet (a full disk); the app writes it again until it can.
 */
const bulkResult = z.object({ count: z.number().int(), agentIds: z.array(z.string()), recorded: z.boolean() });

export const agentChannels = {
  'agents.list': channel(noArguments, z.array(agentSchema)),
  'agents.get': channel(byId, agentSchema),
  /** Saved with the definition's status: the builder saves agents paused, so activating one is a separate, deliberate step. */
  'agents.create': channel(z.object({ definition: AgentDefinitionSchema }).strict(), agentSchema),
  /** Replaces a saved agent's definition; a running agent works to the new one from its next review. */
  'agents.update': channel(z.object({ id: z.string().min(1), definition: AgentDefinitionSchema }).strict(), agentSchema),
  'agents.activate': channel(byId, agentSchema),
  'agents.pause': channel(byId, agentSchema),
  'agents.resume': channel(byId, agentSchema),
  'agents.terminate': channel(byId, agentSchema),
  'agents.pauseAll': channel(noArguments, bulkResult),
  'agents.resumeAll': channel(noArguments, bulkResult),
  'agents.dryRun': channel(z.object({ definition: AgentDefinitionSchema }).strict(), dryRunSchema),
  /** Every agent but the terminated ones when `ids` is left out. */
  'agents.export': channel(z.object({ ids: z.array(z.string().min(1)).optional() }).strict(), agentExportSchema),
  /** Text of an export file, one agent definition, or an array of them; all or nothing, saved paused. */
  'agents.import': channel(z.object({ text: z.string().max(1_000_000) }).strict(), z.array(agentSchema)),
};

export const agentEvents = {
  /** An agent was created, or its status changed. */
  'agent.changed': event(z.object({ agentId: z.string(), status: z.enum(AGENT_STATUSES) })),
};
