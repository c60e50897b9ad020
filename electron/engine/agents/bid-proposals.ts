import type { CampaignInfo } from '@shared/domain/campaign';
import type { Prediction } from '@shared/domain/decision';
import { budgetAt, changesWithin } from '../guardrails/settings';
import { HOUR_MS } from '@shared/time';
import { DECISION_WINDOW_DAYS, MIN_MOVE } from './budget-proposals';
import { decisionConfidence } from './decision-confidence';
import { money, pct, share } from './format';
import type { Plan } from './planner';
import { eachCampaign, evidenceOf, notWorthAsking, type Proposal, type ReviewContext } from './proposal';

/**
 * Bids of max-CPC campaigns. A max-CPC bid under the day's market price per click delivers only
 * part of the budget, so budget steps stop reaching the platform. When over the last
 * DELIVERY_DAYS a campaign delivered less than FULL_DELIVERY of its budgets, clicks cost more than
 * its bid on some of those days (the bid is what binds), and the agent's plan wants at least its
 * budget spent there, the bid rises to BID_HEADROOM over the dearest recent click, by at most
 * `maxBudgetChangePct` at once. Assumption, stated in the reasoning: delivered spend grows in
 * proportion to the bid, up to the budget (an auction's share grows at least that fast), so the
 * forecast errs toward less gain. Bids are never lowered: a max CPC above the market costs
 * nothing, clicks are priced by the market.
 */
export const DELIVERY_DAYS = 3;
export const FULL_DELIVERY = 0.9;
export const BID_HEADROOM = 1.1;

export interface BidContext extends ReviewContext {
  plan?: Plan;
}

export function proposeBids(ctx: BidContext): Proposal[] {
  return eachCampaign(ctx, 'bid', (campaign) => bidMove(ctx, campaign));
}

function bidMove(ctx: BidContext, campaign: CampaignInfo): Proposal | undefined {
  const { bid } = campaign;
  const model = ctx.models.get(campaign.id);
  const target = ctx.plan?.targets.get(campaign.id);
  if (bid.strategy !== 'max_cpc' || !model?.ready || target === undefined || target < campaign.dailyBudget * (1 - MIN_MOVE)) return undefined;
  const evidence = evidenceOf(ctx, campaign.id);
  if (evidence < ctx.agent.constraints.minConversionsToAct) return undefined;
  // Delivery is judged on days under the bid as it is now, and after the cooldown.
  const deliveryFrom = ctx.observer.zone.addLocalDays(ctx.now, -DELIVERY_DAYS);
  const since = Math.min(deliveryFrom, ctx.now - ctx.agent.constraints.cooldownHours * HOUR_MS);
  if (changesWithin(ctx.history, campaign.id, since).some((h) => h.setting === 'bid')) return undefined;

  const days = ctx.observer.delivery(campaign.id, deliveryFrom, ctx.now);
  if (days.length < DELIVERY_DAYS) return undefined;
  const spent = days.reduce((s, d) => s + d.spend, 0);
  const budgeted = days.reduce((s, d) => s + budgetAt(ctx.history, campaign.id, d.day + HOUR_MS, campaign.dailyBudget), 0);
  const dearest = Math.max(...days.map((d) => (d.clicks > 0 ? d.spend / d.clicks : 0)));
  if (spent >= FULL_DELIVERY * budgeted || dearest <= bid.amount) return undefined;

  const amount = Math.floor(Math.min(bid.amount * (1 + ctx.agent.constraints.maxBudgetChangePct / 100), dearest * BID_HEADROOM) * 100) / 100;
  if (amount <= bid.amount) return undefined;
  const deliveredNow = spent / days.length;
  const deliveredAfter = Math.min(campaign.dailyBudget, (deliveredNow * amount) / bid.amount);
  // Too little more delivery to show in the outcome: not worth a decision.
  if (deliveredAfter < deliveredNow * (1 + MIN_MOVE)) return undefined;
  const metric: 'conversions' | 'revenue' = ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue';
  const window = { from: ctx.now, days: DECISION_WINDOW_DAYS };
  const effect = model.predictChange(window, deliveredNow, deliveredAfter);
  const after = ctx.calibrator.apply(effect.after[metric]);
  const before = ctx.calibrator.apply(effect.before[metric]);
  const prediction: Prediction = { metric, windowHours: DECISION_WINDOW_DAYS * 24, ...after, baseline: before.point };
  const confidence = decisionConfidence(prediction);
  if (notWorthAsking({ prediction, confidence }, ctx.agent.constraints.minConfidence)) return undefined;
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'bid', campaignId: campaign.id, bid: { strategy: 'max_cpc', amount } },
    before: { kind: 'bid', bid },
    after: { kind: 'bid', bid: { strategy: 'max_cpc', amount } },
    reasoning:
      `Raise the max CPC bid ${money(bid.amount)} → ${money(amount)} (${pct(amount / bid.amount - 1)}): over the last ${DELIVERY_DAYS} days the campaign delivered ` +
      `${share(spent / budgeted)} of its budgets (${money(spent)} of ${money(budgeted)}) while clicks cost up to ${money(dearest)}, above its bid, and its plan wants ` +
      `${money(target)}/day spent there (bounded by ${ctx.plan!.limitedBy}). Assuming delivered spend grows with the bid up to the budget ` +
      `(${money(deliveredNow)} → ${money(deliveredAfter)}/day), forecast ${metric} over the next ${DECISION_WINDOW_DAYS} days: ${money(after.point)} ` +
      `(80%: ${money(after.low80)}–${money(after.high80)}) against ${money(before.point)} unchanged.`,
    prediction,
    raw: { metric, ...effect.after[metric] },
    confidence,
    evidenceConversions: evidence,
    metrics: { bid: bid.amount, deliveredShare: spent / budgeted, dearestClick: dearest, deliveredNow, deliveredAfter, fit: model.summary() },
  };
}
