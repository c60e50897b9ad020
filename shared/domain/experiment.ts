import { AcmError } from '../errors';

/**
 * A holdout experiment: comparable campaigns split at random into a treatment group the chosen
 * agents manage and a holdout nobody's agent touches, compared over a test period against a
 * pre-period before it.
 */

export const EXPERIMENT_STATUSES = ['running', 'finished', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Default length of the test period, in the account's local days. */
export const DEFAULT_EXPERIMENT_DAYS = 60;
/** Default length of the pre-period the test period is compared against. */
export const DEFAULT_PRE_PERIOD_DAYS = 28;
/** The confidence level of every interval an experiment reports. */
export const EXPERIMENT_LEVEL = 0.9;
/** The lift a power estimate is made for unless the operator names another. */
export const DEFAULT_DETECTABLE_LIFT = 0.15;

/** A campaign's totals over the pre-period: what the assignment balances the groups on. */
export interface ExperimentUnit {
  campaignId: string;
  spend: number;
  revenue: number;
  conversions: number;
}

/** A treatment and a holdout campaign alike in spend and ROAS before the test: the randomisation flipped a coin between them. */
export interface MatchedPair {
  treatment: string;
  holdout: string;
}

/** How alike the groups were before the test: each group's pre-period totals, and the standardised difference of the units' means. */
export interface AssignmentBalance {
  treatment: { spend: number; revenue: number; roas: number | null };
  holdout: { spend: number; revenue: number; roas: number | null };
  /** (mean treatment − mean holdout) / pooled SD of the units, on daily spend and on ROAS; |d| < 0.25 is usually called balanced. */
  standardizedDiff: { spend: number; roas: number };
}

export interface Assignment {
  seed: number;
  treatment: string[];
  holdout: string[];
  pairs: MatchedPair[];
  /** A campaign left over from an odd count: it joins the treatment or the holdout by the same coin, and is compared unpaired. */
  unpaired?: string;
  balance: AssignmentBalance;
}

/** One campaign's totals on one of the account's local days: what an experiment is analysed from. */
export interface CampaignDay {
  campaignId: string;
  /** The account's local date, YYYY-MM-DD. */
  date: string;
  spend: number;
  revenue: number;
  conversions: number;
}

/** One local day's totals for each group. */
export interface GroupDay {
  /** The account's local date, YYYY-MM-DD. */
  date: string;
  period: 'pre' | 'test';
  treatment: GroupTotals;
  holdout: GroupTotals;
}

export interface GroupTotals {
  spend: number;
  revenue: number;
  conversions: number;
}

/** A relative lift (0.17 is +17%) with its interval at EXPERIMENT_LEVEL. */
export interface LiftInterval {
  estimate: number;
  low: number;
  high: number;
}

/** How long the experiment probably needs to tell a lift of `lift` from none (80% power at EXPERIMENT_LEVEL), from the pre-period's day-to-day noise. */
export interface PowerEstimate {
  lift: number;
  /** null when the pre-period is too short or too noisy to say. */
  daysNeeded: number | null;
  note: string;
}

export interface ExperimentAnalysis {
  /** Test days analysed (complete local days only). */
  testDays: number;
  preDays: number;
  /** Treatment over holdout, adjusted for the pre-period difference. CPA's lift below zero is an improvement. */
  lift: { roas: LiftInterval; revenue: LiftInterval; cpa: LiftInterval } | null;
  /** Whether the ROAS interval excludes zero. */
  significant: boolean;
  /** In plain words, e.g. "agents +17% ROAS (90% CI +6% to +29%) after 60 days". */
  verdict: string;
  /** The ROAS lift as it stood after each test day. */
  running: Array<{ date: string; estimate: number; low: number; high: number }>;
  method: string;
}

/** The campaigns running experiments hold out, each with the experiment's name: no agent changes them. */
export type Holdout = ReadonlyMap<string, string>;

export const NO_HOLDOUT: Holdout = new Map();

/**
 * The refusal of a campaign that a running experiment among `experiments` already has: a
 * campaign is in one experiment at a time, or neither comparison would mean anything.
 */
export function alreadyInExperiment(
  campaignIds: readonly string[],
  experiments: readonly { name: string; status: ExperimentStatus; assignment: Pick<Assignment, 'treatment' | 'holdout'> }[],
): AcmError | undefined {
  for (const experiment of experiments) {
    if (experiment.status !== 'running') continue;
    const { treatment, holdout } = experiment.assignment;
    const taken = campaignIds.find((id) => treatment.includes(id) || holdout.includes(id));
    if (taken !== undefined)
      return new AcmError('CONFLICT', `campaign ${taken} is already in the running experiment '${experiment.name}'`, { path: 'campaignIds' });
  }
  return undefined;
}
