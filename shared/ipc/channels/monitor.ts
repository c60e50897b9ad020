import { z } from 'zod';
import { AGENT_STATUSES, type ReviewReport } from '@shared/domain/agent';
import { GoalSchema } from '@shared/scenario/schema';
import { channel } from '../define';
import { decisionSchema } from './decisions';

export const goalProgressSchema = z.object({
  goal: GoalSchema,
  /** The goal's metric over its trailing window of complete days; null while no day is complete. */
  actual: z.number().nullable(),
  met: z.boolean().nullable(),
  /** Complete days the figure covers (at most the goal's window). */
  days: z.number().int(),
});

export const reviewReportSchema = z.object({
  at: z.number(),
  asked: z.number().int(),
  granted: z.number().int(),
  why: z.array(z.string()),
}) satisfies z.ZodType<ReviewReport>;

export const agentMonitorSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  status: z.enum(AGENT_STATUSES),
  /** What the agent is working on now, in words. */
  focus: z.string(),
  lastActions: z.array(decisionSchema),
  goals: z.array(goalProgressSchema),
  /** The agent's campaigns' budgets against its own spend limit (maxDailySpend), when it has one. */
  spendLimit: z.object({ budgeted: z.number(), limit: z.number() }).nullable(),
  awaitingApproval: z.number().int(),
  /** Its latest review since the host started; null before the first. */
  lastReview: reviewReportSchema.nullable(),
});
export type AgentMonitorView = z.infer<typeof agentMonitorSchema>;

export const kpiDaySchema = z.object({
  /** Epoch ms of the day's start: the account's local midnight. */
  day: z.number(),
  /** The local date 'YYYY-MM-DD' in the account's zone: the day's label. */
  date: z.string(),
  spend: z.number(),
  revenue: z.number(),
  conversions: z.number(),
  roas: z.number().nullable(),
  cpa: z.number().nullable(),
});

export const monitorChannels = {
  /** Every agent not terminated, oldest first. */
  'monitor.summary': channel(z.object({}).strict(), z.array(agentMonitorSchema)),
  /** Daily totals of an agent's campaigns from the stored hourly metrics (the account's local days, `timezone` naming its zone), with its goals as lines to draw. */
  'monitor.kpis': channel(
    z.object({ agentId: z.string().min(1), days: z.number().int().min(1).max(365).default(14) }).strict(),
    z.object({
      days: z.array(kpiDaySchema),
      goals: z.object({ roas: z.number().optional(), cpa: z.number().optional(), spend: z.number().optional() }),
      timezone: z.string(),
    }),
  ),
};
