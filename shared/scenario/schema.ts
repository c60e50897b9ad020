import { isTimeZone } from '../zone';
import { z } from 'zod';
import {
  MAX_ACCOUNT_BUDGET,
  MAX_CAMPAIGN_BUDGET,
  MAX_COUNT,
  MAX_CPC,
  MAX_DAILY_CONVERSIONS,
  MAX_DAYS,
  MAX_DISPERSION,
  MAX_GOAL_VALUE,
  MAX_HALF_LIFE_DAYS,
  MAX_HOURS,
  MAX_LOG_SD,
  MAX_MULTIPLIER,
  MAX_NAME_LENGTH,
  MAX_ORDER_VALUE,
  MAX_PERCENT,
  MAX_PRIORITY,
  MAX_ROAS,
  MAX_SEED,
  MAX_SHAPE,
  MAX_WEIGHT,
  MIN_BUDGET,
  MIN_CPC,
  MIN_SEED,
} from './limits';

/**
 * The scenario format `acm-scenario/1` (FORMAT.md), as zod schemas: every object is strict so
 * that a typo is an error rather than a silently ignored key, and every default is the one the
 * format names. Every number is bounded (limits.ts). Cross-references (ids, names, dates) are
 * checked in load.ts.
 */

export const SCENARIO_FORMAT = 'acm-scenario/1';

const positive = (max: number) => z.number().gt(0).max(max);
const nonNegative = (max: number) => z.number().min(0).max(max);
/**
 * At least a cent: the agents work in cents, and a budget rounded to nothing has no return to
 * forecast; a curve saturating below a cent would take spend / halfSaturationSpend to Infinity.
 */
const money = (max: number) => z.number().min(MIN_BUDGET).max(max);
/** A click's price, from a tenth of a cent: clicks are spend / price, which a price near zero takes to Infinity. */
const price = () => z.number().min(MIN_CPC).max(MAX_CPC);
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** The offset of the first UTF-16 surrogate without its partner, or -1. */
function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else return i;
  }
  return -1;
}

/**
 * Text from a file or a request, valid Unicode. A lone surrogate is refused because SQLite stores
 * it as U+FFFD in a column and as an escape inside JSON: one name would be kept two ways.
 */
const unicodeText = () =>
  z
    .string()
    .min(1)
    .check((ctx) => {
      const at = loneSurrogateAt(ctx.value);
      if (at < 0) return;
      const unit = ctx.value.charCodeAt(at).toString(16).toUpperCase();
      ctx.issues.push({
        code: 'custom',
        message: `has a lone UTF-16 surrogate (U+${unit}) at character ${at + 1}; text must be valid Unicode`,
        input: undefined,
        continue: false,
      });
    });

/** An id, or a label: matched as written. */
const key = () => unicodeText().max(MAX_NAME_LENGTH);

/**
 * A name a person reads and types, or a reference to one: normalised to NFC here, once, so that
 * a name typed with a combining accent and the same name typed precomposed are one name after.
 */
const name = () => unicodeText().normalize('NFC').max(MAX_NAME_LENGTH);

export const ResponseSchema = z
  .object({ maxConversions: nonNegative(MAX_DAILY_CONVERSIONS), halfSaturationSpend: money(MAX_ACCOUNT_BUDGET), shape: positive(MAX_SHAPE).default(1) })
  .strict();

export const OrderValueSchema = z.object({ mean: positive(MAX_ORDER_VALUE), sigma: nonNegative(MAX_LOG_SD).default(0.3) }).strict();

export const BidSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('lowest_cost') }).strict(),
  z.object({ strategy: z.literal('max_cpc'), amount: price() }).strict(),
]);

export const AudienceSchema = z
  .object({
    id: key(),
    name: name(),
    weight: positive(MAX_WEIGHT),
    enabled: z.boolean().default(true),
    response: ResponseSchema.optional(),
  })
  .strict();

export const CreativeSchema = z
  .object({
    id: key(),
    name: name(),
    quality: nonNegative(MAX_MULTIPLIER).default(1),
    fatigueHalfLifeDays: positive(MAX_HALF_LIFE_DAYS).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const ChangeSchema = z
  .object({
    day: z
      .number()
      .int()
      .min(0)
      .max(MAX_DAYS - 1),
    response: z
      .object({
        maxConversions: nonNegative(MAX_DAILY_CONVERSIONS).optional(),
        halfSaturationSpend: money(MAX_ACCOUNT_BUDGET).optional(),
        shape: positive(MAX_SHAPE).optional(),
      })
      .strict()
      .optional(),
    orderValue: z
      .object({ mean: positive(MAX_ORDER_VALUE).optional(), sigma: nonNegative(MAX_LOG_SD).optional() })
      .strict()
      .optional(),
  })
  .strict();

export const CampaignSpecSchema = z
  .object({
    id: key(),
    name: name(),
    platform: key().default('sandbox'),
    status: z.enum(['active', 'paused']).default('active'),
    dailyBudget: money(MAX_CAMPAIGN_BUDGET),
    minDailyBudget: nonNegative(MAX_CAMPAIGN_BUDGET).default(1),
    labels: z.array(key()).default([]),
    response: ResponseSchema.optional(),
    orderValue: OrderValueSchema,
    noise: z
      .object({ dispersion: nonNegative(MAX_DISPERSION).default(0.1) })
      .strict()
      .default({ dispersion: 0.1 }),
    bid: BidSchema.default({ strategy: 'lowest_cost' }),
    market: z
      .object({ cpc: price().default(1), cpcSigma: nonNegative(MAX_LOG_SD).default(0.2) })
      .strict()
      .default({ cpc: 1, cpcSigma: 0.2 }),
    attribution: z
      .object({ delayHoursMean: nonNegative(MAX_HOURS).default(0) })
      .strict()
      .default({ delayHoursMean: 0 }),
    audiences: z.array(AudienceSchema).default([]),
    creatives: z.array(CreativeSchema).default([]),
    changes: z.array(ChangeSchema).default([]),
  })
  .strict();

export const CalendarEventSchema = z
  .object({
    name: name(),
    from: isoDate(),
    to: isoDate(),
    demand: nonNegative(MAX_MULTIPLIER).default(1),
    cpc: z
      .number()
      .min(1 / MAX_MULTIPLIER)
      .max(MAX_MULTIPLIER)
      .default(1),
    volatility: z.enum(['normal', 'high']).default('normal'),
  })
  .strict();

export const GOAL_METRICS = ['roas', 'cpa', 'spend', 'conversions', 'revenue'] as const;

export const GoalSchema = z
  .object({
    metric: z.enum(GOAL_METRICS),
    op: z.enum(['>=', '<=']),
    value: nonNegative(MAX_GOAL_VALUE),
    per: z.enum(['day', 'total']).default('day'),
    window: z.number().int().min(1).max(MAX_DAYS).default(7),
  })
  .strict();

export const ConstraintsSchema = z
  .object({
    actions: z.array(z.enum(['budget', 'bid', 'status', 'targeting', 'creative'])).default(['budget', 'bid', 'status', 'targeting', 'creative']),
    // A raise may double a budget and more; a cut is held under 99% by the engine (a budget goes to nothing only by a pause).
    maxBudgetChangePct: positive(MAX_PERCENT).default(20),
    minDailyBudget: nonNegative(MAX_CAMPAIGN_BUDGET).optional(),
    maxDailyBudget: money(MAX_CAMPAIGN_BUDGET).optional(),
    maxDailySpend: money(MAX_ACCOUNT_BUDGET).optional(),
    cooldownHours: nonNegative(MAX_HOURS).default(24),
    minConversionsToAct: nonNegative(MAX_COUNT).default(10),
    minConfidence: z.number().min(0).max(1).default(0.6),
    approvalAboveBudgetChange: positive(MAX_CAMPAIGN_BUDGET).optional(),
    // Absent means off: definitions saved before the option existed keep their exact shape.
    holdBudgetWhileLearning: z.boolean().optional(),
  })
  .strict();

/** An agent as the app saves, exports and imports it: usable on its own, outside a scenario. */
export const AgentDefinitionSchema = z
  .object({
    name: name(),
    role: z.enum(['scale', 'efficiency', 'creative', 'custom']).default('custom'),
    priority: positive(MAX_PRIORITY).default(1),
    campaigns: z.union([z.literal('*'), z.array(key()).min(1)]),
    objective: z.enum(['revenue', 'conversions', 'roas', 'profit']).default('revenue'),
    goals: z.array(GoalSchema).default([]),
    constraints: ConstraintsSchema.default(() => ConstraintsSchema.parse({})),
    status: z.enum(['active', 'paused']).default('active'),
  })
  .strict();

export const PoolSchema = z.object({ id: key(), dailyBudget: money(MAX_ACCOUNT_BUDGET), agents: z.array(name()).min(1) }).strict();

export const PolicySchema = z.discriminatedUnion('rule', [
  z.object({ id: key(), rule: z.literal('maxBudgetChangePctPerDay'), value: positive(MAX_PERCENT) }).strict(),
  z.object({ id: key(), rule: z.literal('protectedLabel'), label: key() }).strict(),
  z.object({ id: key(), rule: z.literal('minDailyBudget'), value: nonNegative(MAX_CAMPAIGN_BUDGET) }).strict(),
  z.object({ id: key(), rule: z.literal('maxChangesPerDay'), value: z.number().int().min(1).max(MAX_COUNT) }).strict(),
  z.object({ id: key(), rule: z.literal('accountDailySpendCap'), value: money(MAX_ACCOUNT_BUDGET) }).strict(),
]);

export const BaselinesSchema = z
  .object({
    manual: z
      .object({ targetRoas: positive(MAX_ROAS).optional() })
      .strict()
      .default({}),
    rules: z
      .object({ targetRoas: positive(MAX_ROAS).optional(), targetCpa: positive(MAX_ORDER_VALUE).optional() })
      .strict()
      .default({}),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    name: name(),
    description: z.string().optional(),
    seed: z.number().int().min(MIN_SEED).max(MAX_SEED).default(1),
    start: isoDate().default('2026-01-05'),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/New_York').default('UTC'),
    days: z.number().int().min(1).max(MAX_DAYS),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .default('USD'),
    account: z
      .object({ dailySpendCap: money(MAX_ACCOUNT_BUDGET) })
      .strict()
      .optional(),
    weekly: z.array(nonNegative(MAX_MULTIPLIER)).length(7).default([1, 1, 1, 1, 1, 1, 1]),
    hourly: z
      .array(nonNegative(MAX_WEIGHT))
      .length(24)
      .default(Array.from({ length: 24 }, () => 1 / 24)),
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
