import { z } from 'zod';
import { AUDIT_DIGEST_FORMAT } from '@shared/domain/audit';
import { DECISION_STATES } from '@shared/domain/decision';
import { channel } from '../define';

/** A signed checkpoint of the audit chain as `acm audit verify --digest` reads it (`acm-audit-digest/1`). */
export const auditDigestSchema = z.object({
  format: z.literal(AUDIT_DIGEST_FORMAT),
  algorithm: z.literal('ed25519'),
  count: z.number().int().positive(),
  headHash: z.string(),
  signedAt: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

const digestDecision = z.object({
  id: z.string(),
  createdAt: z.number(),
  agent: z.string(),
  campaignId: z.string(),
  change: z.string(),
  confidence: z.number(),
  reasoning: z.string(),
  note: z.string().nullable(),
});

const dailyDigestSchema = z.object({
  /** The local day reviewed, from midnight to midnight in `timezone`. */
  date: z.string(),
  timezone: z.string(),
  /** 24, or 23 and 25 across a daylight-saving change. */
  hours: z.number().int(),
  workspace: z.string(),
  /** ISO 4217 code of the amounts in `change` and in money metrics. */
  currency: z.string().length(3),
  exceptions: z.object({
    escalationsWaiting: z.array(digestDecision),
    blocked: z.array(digestDecision),
    conflictsWithDissent: z.array(
      z.object({
        id: z.string(),
        createdAt: z.number(),
        campaignId: z.string(),
        setting: z.string(),
        winner: z.string(),
        loser: z.string(),
        dissent: z.string(),
        reviewed: z.boolean(),
      }),
    ),
    missedOutcomes: z.array(
      z.object({
        decisionId: z.string(),
        agent: z.string(),
        campaignId: z.string(),
        metric: z.string(),
        predicted: z.number(),
        low80: z.number(),
        high80: z.number(),
        actual: z.number(),
      }),
    ),
    goalsAtRisk: z.array(z.object({ id: z.string(), createdAt: z.number(), agent: z.string().nullable(), message: z.string(), state: z.string() })),
  }),
  summary: z.object({
    decisions: z.record(z.enum(DECISION_STATES), z.number()),
    autonomous: z.number(),
    byAgent: z.array(z.object({ agent: z.string(), decisions: z.number(), executed: z.number() })),
    outcomes: z.object({ evaluated: z.number(), withinInterval: z.number(), directionCorrect: z.number() }),
    alertsRaised: z.number(),
    auditEntries: z.number(),
    latestCheckpoint: z.object({ count: z.number(), signedAt: z.number() }).nullable(),
  }),
});
export type DailyDigestView = z.infer<typeof dailyDigestSchema>;

export const auditChannels = {
  /** The latest signed checkpoint of the chain, signing the head first when it moved on; null while the log is empty. */
  'audit.digest': channel(z.object({}).strict(), auditDigestSchema.nullable()),
  /**
   * The review of one local day of the workspace (its zone's midnight to midnight), exceptions
   * first, with the same text `acm audit digest` prints. `date` is a local day of that zone.
   * Without `date`: the latest day with a decision.
   */
  'audit.dailyDigest': channel(
    z.object({ date: z.iso.date('must be a day, YYYY-MM-DD').optional() }).strict(),
    z.object({ digest: dailyDigestSchema, text: z.string() }),
  ),
};
