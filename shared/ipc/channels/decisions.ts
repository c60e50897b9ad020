import { z } from 'zod';
import { CHANGE_KINDS } from '@shared/domain/campaign';
import { DECISION_STATES, PREDICTION_METRICS } from '@shared/domain/decision';
import { auditDigestSchema } from './audit';
import { channel, event } from '../define';

const kinds = CHANGE_KINDS as readonly [string, ...string[]] as ['budget', 'bid', 'status', 'targeting', 'creative'];

export const changeValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('budget'), dailyBudget: z.number() }),
  z.object({
    kind: z.literal('bid'),
    bid: z.discriminatedUnion('strategy', [z.object({ strategy: z.literal('lowest_cost') }), z.object({ strategy: z.literal('max_cpc'), amount: z.number() })]),
  }),
  z.object({ kind: z.literal('status'), status: z.enum(['active', 'paused']) }),
  z.object({ kind: z.literal('targeting'), audienceId: z.string(), enabled: z.boolean() }),
  z.object({ kind: z.literal('creative'), creativeId: z.string(), enabled: z.boolean() }),
]);

export const predictionSchema = z.object({
  metric: z.enum(PREDICTION_METRICS),
  windowHours: z.number(),
  point: z.number(),
  low80: z.number(),
  high80: z.number(),
  baseline: z.number().optional(),
});

export const decisionSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  agentId: z.string(),
  campaignId: z.string(),
  kind: z.enum(kinds),
  before: changeValueSchema,
  after: changeValueSchema,
  reasoning: z.string(),
  confidence: z.number(),
  prediction: predictionSchema,
  metrics: z.unknown(),
  state: z.enum(DECISION_STATES),
  idempotencyKey: z.string(),
  approvedBy: z.string().optional(),
  error: z.string().optional(),
  executedAt: z.number().optional(),
  parentDecisionId: z.string().optional(),
});
export type DecisionView = z.infer<typeof decisionSchema>;

export const outcomeSchema = z.object({
  decisionId: z.string(),
  evaluatedAt: z.number(),
  actual: z.number(),
  error: z.number(),
  withinInterval: z.boolean(),
  directionCorrect: z.boolean(),
});

/** How a set of decisions' predictions held (see electron/store/reports/outcome-stats.ts). */
const accuracySchema = z.object({ count: z.number(), directional: z.number(), coverage80: z.number(), mape: z.number().nullable() });
const agentKey = { agentId: z.string(), agentName: z.string() };

const cursorSchema = z.object({ createdAt: z.number(), id: z.string() }).strict();

export const decisionFilterSchema = z
  .object({
    agentId: z.string().min(1).optional(),
    campaignId: z.string().min(1).optional(),
    kinds: z.array(z.enum(kinds)).min(1).optional(),
    states: z.array(z.enum(DECISION_STATES)).min(1).optional(),
    /** Inclusive lower bound on creation time, epoch ms. */
    from: z.number().int().optional(),
    /** Exclusive upper bound on creation time, epoch ms. */
    to: z.number().int().optional(),
    /** Case-insensitive words that must appear in the reasoning. */
    text: z.string().max(200).optional(),
  })
  .strict();
export type DecisionFilterView = z.infer<typeof decisionFilterSchema>;

const exportedFile = {
  fileName: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  /** The chain's signed digest at the time; absent only for an empty log. */
  digest: auditDigestSchema.optional(),
};

/**
 * Where an export went, as the host decided: in the app, a file the person chose in a save
 * dialog (a CSV's digest written beside it); under the headless host, a download to fetch once,
 * soon, from the same origin; or nowhere, when the dialog was cancelled. The file itself never
 * travels in the answer.
 */
export const exportResultSchema = z.union([
  z.object({ saved: z.string(), ...exportedFile, digestPath: z.string().optional() }).strict(),
  z.object({ download: z.string().startsWith('/exports/'), ...exportedFile }).strict(),
  z.object({ cancelled: z.literal(true) }).strict(),
]);
export type ExportResult = z.infer<typeof exportResultSchema>;

/** One step in a decision's life, in order: what the record says happened and when. */
export const stateEntrySchema = z.object({ at: z.number(), state: z.string(), note: z.string() });

export const decisionChannels = {
  /**
   * Newest first, keyset-paged: `next` is absent on the last page. With `text`, a page may hold
   * fewer items than asked and still have a next. `offset` starts the page that many matching
   * decisions from the newest, to jump far ahead without fetching every page before it; it takes
   * neither a cursor nor `text`.
   */
  'decisions.page': channel(
    z
      .object({
        filter: decisionFilterSchema.default({}),
        cursor: cursorSchema.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .refine((q) => q.offset === undefined || q.cursor === undefined, { message: 'give a cursor or an offset, not both', path: ['offset'] })
      .refine((q) => q.offset === undefined || !q.filter.text, {
        message: 'an offset cannot be used with a text filter: page through it with the cursor',
        path: ['offset'],
      }),
    z.object({ items: z.array(decisionSchema), next: cursorSchema.optional() }),
  ),
  /** How many decisions match the filter; not for a text filter, which is searched page by page. */
  'decisions.count': channel(
    z
      .object({ filter: decisionFilterSchema.default({}) })
      .strict()
      .refine((q) => !q.filter.text, { message: 'decisions cannot be counted by text: page through them with decisions.page', path: ['filter', 'text'] }),
    z.object({ count: z.number().int() }),
  ),
  'decisions.get': channel(
    z.object({ id: z.string().min(1) }).strict(),
    z.object({
      decision: decisionSchema,
      outcome: outcomeSchema.nullable(),
      /** The undo that reversed it, or the decision an undo reverses. */
      related: z.array(decisionSchema),
      chain: z.array(stateEntrySchema),
    }),
  ),
  'decisions.approve': channel(z.object({ id: z.string().min(1) }).strict(), decisionSchema),
  'decisions.reject': channel(z.object({ id: z.string().min(1) }).strict(), decisionSchema),
  /**
   * Reverses an executed decision with a new, logged decision; returns that new decision. It obeys
   * the agent's limits in force (it is `blocked` when they refuse it) unless `overrideLimits`, which
   * the undo records as the person's; a paused agent's decision is undone only with the override.
   */
  'decisions.undo': channel(z.object({ id: z.string().min(1), overrideLimits: z.boolean().optional() }).strict(), decisionSchema),
  /**
   * Writes the filtered timeline as the file `acm audit export` writes, streamed from the record
   * to where the host puts it (see exportResultSchema), with the chain's signed digest at the time.
   */
  'decisions.export': channel(z.object({ format: z.enum(['csv', 'pdf']), filter: decisionFilterSchema.default({}) }).strict(), exportResultSchema),
  /** Shows a file this run's exports saved in the system's file manager (the app only). */
  'decisions.showExported': channel(z.object({ path: z.string().min(1) }).strict(), z.object({}).strict()),
  /** How the predictions held once their windows closed: overall, per agent, per agent and action kind, and over time. */
  'decisions.outcomeStats': channel(
    z
      .object({
        agentId: z.string().min(1).optional(),
        /** Inclusive lower bound on the decision's creation time, epoch ms. */
        from: z.number().int().optional(),
        /** Exclusive upper bound, epoch ms. */
        to: z.number().int().optional(),
        bucket: z.enum(['day', 'week']).default('day'),
      })
      .strict()
      .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['to'] }),
    z.object({
      overall: accuracySchema,
      byAgent: z.array(accuracySchema.extend(agentKey)),
      byAgentAndKind: z.array(accuracySchema.extend(agentKey).extend({ kind: z.enum(kinds) })),
      overTime: z.array(accuracySchema.extend(agentKey).extend({ bucketStart: z.number() })),
    }),
  ),
};

export const decisionEvents = {
  'decision.changed': event(z.object({ decisionId: z.string(), agentId: z.string() })),
};
