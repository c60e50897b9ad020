import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATES } from '@shared/domain/alert';
import { channel, event } from '../define';
import { decisionSchema, predictionSchema } from './decisions';

export const alertSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  severity: z.enum(ALERT_SEVERITIES),
  kind: z.enum(ALERT_KINDS),
  agentId: z.string().optional(),
  decisionId: z.string().optional(),
  message: z.string(),
  state: z.enum(ALERT_STATES),
});

/** An alert with the decision it is about, so Approve and Reject show only while that decision still waits. */
export const alertItemSchema = z.object({ alert: alertSchema, decision: decisionSchema.nullable() });
export type AlertItemView = z.infer<typeof alertItemSchema>;

const proposalSchema = z.object({
  decisionId: z.string().optional(),
  reasoning: z.string(),
  confidence: z.number(),
  prediction: predictionSchema,
});

/** Two agents wanted the same setting: the winner acted, the loser's proposal is its dissent. */
export const conflictSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  campaignId: z.string(),
  setting: z.string(),
  winnerAgentId: z.string(),
  loserAgentId: z.string(),
  rule: z.string(),
  winnerProposal: proposalSchema,
  loserProposal: proposalSchema,
  reviewed: z.boolean(),
});

export const alertCountSchema = z.object({
  total: z.number().int(),
  info: z.number().int(),
  warning: z.number().int(),
  critical: z.number().int(),
  /** Decisions waiting for a person's approval. */
  awaitingApproval: z.number().int(),
});

export type AlertCount = z.infer<typeof alertCountSchema>;

export const alertChannels = {
  /** Newest first; resolved alerts only when asked for. */
  'alerts.list': channel(
    z.object({ includeResolved: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    z.object({ items: z.array(alertItemSchema), conflicts: z.array(conflictSchema) }),
  ),
  'alerts.count': channel(z.object({}).strict(), alertCountSchema),
  'alerts.acknowledge': channel(z.object({ id: z.string().min(1) }).strict(), z.object({ acknowledged: z.boolean() })),
};

export const alertEvents = {
  'alert.raised': event(z.object({ alertId: z.string(), severity: z.enum(ALERT_SEVERITIES) })),
};
