import { z } from 'zod';
import {
  DEFAULT_DETECTABLE_LIFT,
  DEFAULT_EXPERIMENT_DAYS,
  DEFAULT_PRE_PERIOD_DAYS,
  EXPERIMENT_STATUSES,
  type Assignment,
  type ExperimentAnalysis,
  type GroupDay,
  type PowerEstimate,
} from '@shared/domain/experiment';
import { channel } from '../define';
import { exportResultSchema } from './decisions';

const totals = z.object({ spend: z.number(), revenue: z.number(), conversions: z.number() });
const groupTotals = z.object({ spend: z.number(), revenue: z.number(), roas: z.number().nullable() });
const lift = z.object({ estimate: z.number(), low: z.number(), high: z.number() });

export const assignmentSchema = z.object({
  seed: z.number().int(),
  treatment: z.array(z.string()),
  holdout: z.array(z.string()),
  pairs: z.array(z.object({ treatment: z.string(), holdout: z.string() })),
  unpaired: z.string().optional(),
  balance: z.object({
    treatment: groupTotals,
    holdout: groupTotals,
    standardizedDiff: z.object({ spend: z.number(), roas: z.number() }),
  }),
}) satisfies z.ZodType<Assignment>;

export const powerSchema = z.object({ lift: z.number(), daysNeeded: z.number().int().nullable(), note: z.string() }) satisfies z.ZodType<PowerEstimate>;

export const groupDaySchema = z.object({
  date: z.string(),
  period: z.enum(['pre', 'test']),
  treatment: totals,
  holdout: totals,
}) satisfies z.ZodType<GroupDay>;

export const analysisSchema = z.object({
  testDays: z.number().int(),
  preDays: z.number().int(),
  lift: z.object({ roas: lift, revenue: lift, cpa: lift }).nullable(),
  significant: z.boolean(),
  verdict: z.string(),
  running: z.array(z.object({ date: z.string(), estimate: z.number(), low: z.number(), high: z.number() })),
  method: z.string(),
}) satisfies z.ZodType<ExperimentAnalysis>;

export const experimentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(EXPERIMENT_STATUSES),
  createdAt: z.number(),
  /** The agents whose management is tested: they manage the treatment campaigns. */
  agentIds: z.array(z.string()),
  assignment: assignmentSchema,
  /** The account's local dates: the pre-period ends the day before `startDate`; the test runs `durationDays` from it. */
  startDate: z.string(),
  endDate: z.string(),
  durationDays: z.number().int(),
  preDays: z.number().int(),
  /** When a person stopped it before its end, and why. */
  stopped: z.object({ at: z.number(), reason: z.string() }).optional(),
  power: powerSchema,
});
export type ExperimentView = z.infer<typeof experimentSchema>;

const planRequest = z
  .object({
    campaignIds: z
      .array(z.string().min(1))
      .min(2, 'an experiment needs at least two campaigns')
      .refine((ids) => new Set(ids).size === ids.length, 'names a campaign twice'),
    agentIds: z.array(z.string().min(1)).min(1, 'an experiment needs the agents it tests'),
    seed: z.number().int().min(0).optional(),
    durationDays: z.number().int().min(7).max(365).default(DEFAULT_EXPERIMENT_DAYS),
    preDays: z.number().int().min(7).max(180).default(DEFAULT_PRE_PERIOD_DAYS),
    detectableLift: z.number().gt(0).max(5).default(DEFAULT_DETECTABLE_LIFT),
  })
  .strict();

export const experimentChannels = {
  /** Every experiment of the workspace, newest first. */
  'experiments.list': channel(z.object({}).strict(), z.array(experimentSchema)),
  /**
   * The split and power estimate an experiment would start with today (`startDate`, the account's
   * local date), without starting it: the same seed on the same day gives the same split.
   */
  'experiments.plan': channel(planRequest, z.object({ assignment: assignmentSchema, power: powerSchema, startDate: z.string() })),
  /**
   * Starts an experiment today: from now on no agent changes a holdout campaign. `startDate`, the
   * day a preview was drawn for: refused once the account's day has turned since, because the
   * pre-period, and so the split, would not be the one the person saw.
   */
  'experiments.create': channel(
    planRequest
      .extend({ name: z.string().trim().min(1, 'an experiment needs a name').max(120), startDate: z.iso.date('must be a day, YYYY-MM-DD').optional() })
      .strict(),
    experimentSchema,
  ),
  /** One experiment with its daily group totals and its analysis as of the last complete day. */
  'experiments.get': channel(
    z.object({ id: z.string().min(1) }).strict(),
    z.object({ experiment: experimentSchema, days: z.array(groupDaySchema), analysis: analysisSchema, timezone: z.string(), currency: z.string() }),
  ),
  /** Ends a running experiment early: the holdout campaigns go back to their agents. */
  'experiments.stop': channel(z.object({ id: z.string().min(1), reason: z.string().trim().min(1, 'say why the experiment stops') }).strict(), experimentSchema),
  /** The daily group totals as CSV, the account's dates. */
  'experiments.export': channel(z.object({ id: z.string().min(1) }).strict(), exportResultSchema),
};
