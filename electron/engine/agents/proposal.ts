import type { CampaignChange, CampaignInfo, ChangeKind } from '@shared/domain/campaign';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { AppliedChange } from '../guardrails/types';
import type { ChangeValue, Prediction } from '@shared/domain/decision';
import type { Calibrator, Interval80, ResponseModel } from '../forecast';
import type { BudgetStep } from './budget/step-proposal';
import type { Observer } from './observer';

export interface RawForecast extends Interval80 {
  metric: 'revenue' | 'conversions';
}

/** What an agent wants to do, before the guard, the arbiter and the executor have their say. */
export interface Proposal {
  agentName: string;
  campaign: CampaignInfo;
  change: CampaignChange;
  before: ChangeValue;
  after: ChangeValue;
  reasoning: string;
  /** Calibrated: what the decision records. */
  prediction: Prediction;
  /** The model's own forecast of the objective (revenue or conversions) before calibration: what calibration learns from. */
  raw: RawForecast;
  confidence: number;
  /** Conversions observed on the campaign over the evidence window. */
  evidenceConversions: number;
  /** The metrics the agent looked at, recorded with the decision. */
  metrics: Record<string, unknown>;
  /**
   * On a budget raise, what it was stepped from (data only): enough for resizeRaise to make it
   * again smaller when a spend limit leaves less room by the time it executes.
   */
  raise?: BudgetStep;
}

/** A campaign an agent chose to keep as it is, though it was free to move it. */
export interface Keep {
  campaign: CampaignInfo;
  reasoning: string;
}

/** What an agent's review of its campaigns works from, whatever it proposes. */
export interface ReviewContext {
  agent: AgentDefinition;
  /** Start of the day the review's changes apply to: the account's local midnight. */
  now: number;
  campaigns: readonly CampaignInfo[];
  models: ReadonlyMap<string, ResponseModel>;
  observer: Observer;
  calibrator: Calibrator;
  /** The extra bias of raises' forecasts (see AgentMind.raiseCalibrator). */
  raiseBias: number;
  history: readonly AppliedChange[];
  /** Campaigns on which a person was asked lately: not asked again meanwhile. */
  awaitingPerson: ReadonlySet<string>;
}

/** A decision's prediction covers this many days from the day it applies. */
export const DECISION_WINDOW_DAYS = 3;

/** Evidence for minConversionsToAct: conversions reported over this many days. */
export const EVIDENCE_DAYS = 7;

/** Conversions the campaign reported over the last EVIDENCE_DAYS (the account's days): what minConversionsToAct is held against. */
export function evidenceOf(ctx: Pick<ReviewContext, 'observer' | 'now'>, campaignId: string): number {
  return ctx.observer.totals(campaignId, ctx.observer.zone.addLocalDays(ctx.now, -EVIDENCE_DAYS), ctx.now).conversions;
}

/** One move at most per active campaign nobody is being asked about, for an agent allowed this kind of action. */
export function eachCampaign(ctx: ReviewContext, kind: ChangeKind, move: (campaign: CampaignInfo) => Proposal | undefined): Proposal[] {
  if (!ctx.agent.constraints.actions.includes(kind)) return [];
  const proposals: Proposal[] = [];
  for (const campaign of ctx.campaigns) {
    if (campaign.status !== 'active' || ctx.awaitingPerson.has(campaign.id)) continue;
    const proposal = move(campaign);
    if (proposal) proposals.push(proposal);
  }
  return proposals;
}

/** An unsure proposal goes to a person only when its expected effect is at least this share of the outcome. */
export const NOTEWORTHY_EFFECT = 0.1;

export function relativeEffect(p: Pick<Proposal, 'prediction'>): number {
  const { point, baseline } = p.prediction;
  return baseline ? Math.abs(point - baseline) / Math.abs(baseline) : 0;
}

/** Too unsure to make alone and too small to be worth a person's time: held until it is either. */
export function notWorthAsking(p: Pick<Proposal, 'prediction' | 'confidence'>, minConfidence: number): boolean {
  return p.confidence < minConfidence && relativeEffect(p) < NOTEWORTHY_EFFECT;
}

/** How much a proposal changes the campaign's daily budget: a pause takes all of it away. */
export function budgetMove(p: Pick<Proposal, 'before' | 'after' | 'campaign'>): number {
  if (p.before.kind === 'budget' && p.after.kind === 'budget') return p.after.dailyBudget - p.before.dailyBudget;
  if (p.before.kind === 'status' && p.after.kind === 'status' && p.before.status !== p.after.status)
    return p.after.status === 'paused' ? -p.campaign.dailyBudget : p.campaign.dailyBudget;
  return 0;
}
