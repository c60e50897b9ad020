import type { CampaignInfo, CampaignChange } from '@shared/domain/campaign';
import type { ChangeValue } from '@shared/domain/decision';
import type { Holdout } from '@shared/domain/experiment';
import type { Constraints, Policy } from '@shared/scenario/schema';
import type { SpendCeilings } from './day-spend';

/** A change already applied to the account, as the guard needs it to judge cooldowns and daily limits. */
export interface AppliedChange {
  /** The agent whose decision it was, when an agent's. */
  agentId?: string;
  campaignId: string;
  /** The setting it touched: see settingKey(). */
  setting: string;
  at: number;
  before: ChangeValue;
  after: ChangeValue;
}

/** Everything the guard looks at; it reads no clock and no store of its own. */
export interface GuardInput {
  now: number;
  change: CampaignChange;
  /** The campaign as the decision saw it (the `before` of the change). */
  campaign: CampaignInfo;
  /** Every campaign of the account as it stands now, for sums of budgets. */
  account: readonly CampaignInfo[];
  /** The campaigns the acting agent manages, for `maxDailySpend`. */
  agentCampaignIds: readonly string[];
  constraints: Constraints;
  policies: readonly Policy[];
  /** The scenario's `account.dailySpendCap`, treated like an `accountDailySpendCap` policy. */
  accountDailySpendCap?: number;
  /**
   * Where the platform may spend past a budget in a day, how far each campaign has lately: the
   * account's daily spend cap is held against budgets times these (the other limits are on budgets).
   */
  spendCeilings?: SpendCeilings;
  /** Campaigns running experiments hold out: no change of an agent's may touch them. */
  holdout?: Holdout;
  /** Shared budget pools the campaign is in. */
  pools?: readonly PoolLimit[];
  /** Changes applied in at least the last max(24 h, cooldown), any agent. */
  history: readonly AppliedChange[];
  /** Conversions observed on the campaign in the evidence window the agent used. */
  evidenceConversions: number;
  confidence: number;
}

/** A shared budget pool: the campaigns of its agents may budget at most this much a day together. */
export interface PoolLimit {
  id: string;
  dailyBudget: number;
  campaignIds: readonly string[];
}

export interface Finding {
  /** `constraint.<key>`, `policy.<id>` or `sanity.<what>`: stable, for filters and tests. */
  rule: string;
  message: string;
}

export type Verdict = { outcome: 'allow' } | { outcome: 'escalate'; findings: Finding[] } | { outcome: 'block'; findings: Finding[] };

export type Check = (input: GuardInput) => Finding | undefined;
