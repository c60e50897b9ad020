import { z } from 'zod';

/**
 * The scenario format `acm-scenario/1` (FORMAT.md), as zod schemas: every object is strict so
 * that a typo is an error rather than a silently ignored key, and every default is the one the
 * format names. Cross-references (ids, names, dates) are checked in load.ts.
 */

export const SCENARIO_FORMAT = 'acm-scenario/1';

const positive = () => z.number().gt(0);
const nonNegative = () => z.number().min(0);
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const ResponseSchema = z
  .object({ maxConversions: nonNegative(), halfSaturationSpend: positive(), shape: positive().default(1) })
  .strict();

export const OrderValueSchema = z.object({ mean: positive(), sigma: nonNegative().default(0.3) }).strict();

export const BidSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('lowest_cost') }).strict(),
  z.object({ strategy: z.literal('max_cpc'), amount: positive() }).strict(),
]);

export const AudienceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    weight: positive(),
    enabled: z.boolean().default(true),
    response: ResponseSchema.optional(),
  })
  .strict();

export const CreativeSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    quality: nonNegative().default(1),
    fatigueHalfLifeDays: positive().optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const ChangeSchema = z
  .object({
    day: z.number().int().min(0),
    response: z
      .object({ maxConversions: nonNegative().optional(), halfSaturationSpend: positive().optional(), shape: positive().optional() })
      .strict()
      .optional(),
    orderValue: z.object({ mean: positive().optional(), sigma: nonNegative().optional() }).strict().optional(),
  })
  .strict();

export const CampaignSpecSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    platform: z.string().min(1).default('sandbox'),
    status: z.enum(['active', 'paused']).default('active'),
    dailyBudget: positive(),
    minDailyBudget: nonNegative().default(1),
    labels: z.array(z.string()).default([]),
    response: ResponseSchema.optional(),
    orderValue: OrderValueSchema,
    noise: z.object({ dispersion: nonNegative().default(0.1) }).strict().default({ dispersion: 0.1 }),
    bid: BidSchema.default({ strategy: 'lowest_cost' }),
    market: z.object({ cpc: positive().default(1), cpcSigma: nonNegative().default(0.2) }).strict().default({ cpc: 1, cpcSigma: 0.2 }),
    attribution: z.object({ delayHoursMean: nonNegative().default(0) }).strict().default({ delayHoursMean: 0 }),
    audiences: z.array(AudienceSchema).default([]),
    creatives: z.array(CreativeSchema).default([]),
    changes: z.array(ChangeSchema).default([]),
  })
  .strict();

export const CalendarEventSchema = z
  .object({
    name: z.string().min(1),
    from: isoDate(),
    to: isoDate(),
    demand: nonNegative().default(1),
    cpc: positive().default(1),
    volatility: z.enum(['normal', 'high']).default('normal'),
  })
  .strict();

export const GOAL_METRICS = ['roas', 'cpa', 'spend', 'conversions', 'revenue'] as const;

export const GoalSchema = z
  .object({
    metric: z.enum(GOAL_METRICS),
    op: z.enum(['>=', '<=']),
    value: nonNegative(),
    per: z.enum(['day', 'total']).default('day'),
    window: z.number().int().min(1).default(7),
  })
  .strict();

export const ConstraintsSchema = z
  .object({
    actions: z.array(z.enum(['budget', 'bid', 'status', 'targeting', 'creative'])).default(['budget', 'bid', 'status', 'targeting', 'creative']),
    maxBudgetChangePct: positive().default(20),
    minDailyBudget: nonNegative().optional(),
    maxDailyBudget: positive().optional(),
    maxDailySpend: positive().optional(),
    cooldownHours: nonNegative().default(24),
    minConversionsToAct: nonNegative().default(10),
    minConfidence: z.number().min(0).max(1).default(0.6),
    approvalAboveBudgetChange: positive().optional(),
  })
  .strict();

/** An agent as the app saves, exports and imports it: usable on its own, outside a scenario. */
export const AgentDefinitionSchema = z
  .object({
    name: z.string().min(1),
    role: z.enum(['scale', 'efficiency', 'creative', 'custom']).default('custom'),
    priority: positive().default(1),
    campaigns: z.union([z.literal('*'), z.array(z.string().min(1)).min(1)]),
    objective: z.enum(['revenue', 'conversions', 'roas', 'profit']).default('revenue'),
    goals: z.array(GoalSchema).default([]),
    constraints: ConstraintsSchema.default(() => ConstraintsSchema.parse({})),
    status: z.enum(['active', 'paused']).default('active'),
  })
  .strict();

export const PoolSchema = z
  .object({ id: z.string().min(1), dailyBudget: positive(), agents: z.array(z.string().min(1)).min(1) })
  .strict();

export const PolicySchema = z.discriminatedUnion('rule', [
  z.object({ id: z.string().min(1), rule: z.literal('maxBudgetChangePctPerDay'), value: positive() }).strict(),
  z.object({ id: z.string().min(1), rule: z.literal('protectedLabel'), label: z.string().min(1) }).strict(),
  z.object({ id: z.string().min(1), rule: z.literal('minDailyBudget'), value: nonNegative() }).strict(),
  z.object({ id: z.string().min(1), rule: z.literal('maxChangesPerDay'), value: z.number().int().min(1) }).strict(),
  z.object({ id: z.string().min(1), rule: z.literal('accountDailySpendCap'), value: positive() }).strict(),
]);

export const BaselinesSchema = z
  .object({
    manual: z.object({ targetRoas: positive().optional() }).strict().default({}),
    rules: z.object({ targetRoas: positive().optional(), targetCpa: positive().optional() }).strict().default({}),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    name: z.string().min(1),
    description: z.string().optional(),
    seed: z.number().int().default(1),
    start: isoDate().default('2026-01-05'),
    days: z.number().int().min(1).max(730),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').default('USD'),
    account: z.object({ dailySpendCap: positive() }).strict().optional(),
    weekly: z.array(nonNegative()).length(7).default([1, 1, 1, 1, 1, 1, 1]),
    hourly: z.array(nonNegative()).length(24).default(Array.from({ length: 24 }, () => 1 / 24)),
    calendar: z.array(CalendarEventSchema).default([]),
    campaigns: z.array(CampaignSpecSchema).min(1),
    agents: z.array(AgentDefinitionSchema).min(1),
    pools: z.array(PoolSchema).default([]),
    policies: z.array(PolicySchema).default([]),
    baselines: BaselinesSchema.default({ manual: {}, rules: {} }),
  })
  .strict();

export type Response = z.infer<typeof ResponseSchema>;
export type OrderValue = z.infer<typeof OrderValueSchema>;
export type Audience = z.infer<typeof AudienceSchema>;
export type Creative = z.infer<typeof CreativeSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type CampaignSpec = z.infer<typeof CampaignSpecSchema>;
export type CalendarEvent = z.infer<typeof CalendarEventSchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type GoalMetric = Goal['metric'];
export type Constraints = z.infer<typeof ConstraintsSchema>;
export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;
export type Pool = z.infer<typeof PoolSchema>;
export type Policy = z.infer<typeof PolicySchema>;
export type Baselines = z.infer<typeof BaselinesSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
