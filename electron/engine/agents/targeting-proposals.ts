import type { AudienceInfo, CampaignInfo } from '@shared/domain/campaign';
import { Z80 } from '../forecast/assumptions';
import { changesWithin } from '../guardrails/settings';
import { HOUR_MS } from '@shared/time';
import { DECISION_WINDOW_DAYS } from './budget-proposals';
import { decisionConfidence } from './decision-confidence';
import { money, pct, ratio } from './format';
import { eachCampaign, evidenceOf, type Proposal, type ReviewContext } from './proposal';
import { pooledRate, probabilityBelow, recentRate, type RateEstimate } from './segments';

/**
 * Targeting (the Efficiency role's): spend splits across a campaign's enabled audiences by
 * their weights, so each audience's revenue (or conversions) per unit of spend shows what its
 * share of the budget buys. An audience clearly below the rest of its campaign (WEAK_FACTOR of
 * the others' pooled rate, with SURE probability) and below what the agent's goals need is
 * switched off, its share going to the others. One audience a campaign per review; the last
 * enabled audience is never switched off. Saturation is left out of the forecast (the others'
 * rates are taken as they are at their current spend), which errs toward less gain.
 */
export const WEAK_FACTOR = 0.6;
const SURE = 0.9;

export function proposeTargeting(ctx: ReviewContext): Proposal[] {
  return eachCampaign(ctx, 'targeting', (campaign) => audienceMove(ctx, campaign));
}

function audienceMove(ctx: ReviewContext, campaign: CampaignInfo): Proposal | undefined {
  const enabled = campaign.audiences.filter((a) => a.enabled);
  const model = ctx.models.get(campaign.id);
  if (enabled.length < 2 || !model?.ready) return undefined;
  const evidence = evidenceOf(ctx, campaign.id);
  if (evidence < ctx.agent.constraints.minConversionsToAct) return undefined;
  const measure: 'conversions' | 'revenue' = ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue';
  const daysOf = (a: AudienceInfo) => ctx.observer.daily(campaign.id, ctx.now, `audience:${a.id}`);
  const prior = pooledRate(enabled.map(daysOf), measure);
  const rates = enabled.map((audience) => ({ audience, rate: recentRate(daysOf(audience), measure, prior, ctx.now) }));
  const coolingDown = (a: AudienceInfo) =>
    changesWithin(ctx.history, campaign.id, ctx.now - ctx.agent.constraints.cooldownHours * HOUR_MS).some((h) => h.setting === `targeting:${a.id}`);
  const floor = goalFloor(ctx);
  const weakest = rates
    .filter((r) => !coolingDown(r.audience))
    .map((r) => ({ ...r, others: othersRate(rates.filter((o) => o !== r)) }))
    .filter((r) => probabilityBelow(r.rate, r.others, WEAK_FACTOR) > SURE && (floor === undefined || r.rate.mean < floor))
    .sort((a, b) => a.rate.mean / a.others.mean - b.rate.mean / b.others.mean)[0];
  if (!weakest) return undefined;

  const totalWeight = enabled.reduce((s, a) => s + a.weight, 0);
  const mixBefore = rates.reduce((s, r) => s + (r.audience.weight / totalWeight) * r.rate.mean, 0);
  const ratioAfter = weakest.others.mean / mixBefore;
  const forecast = model.predict({ dailySpend: Math.max(campaign.dailyBudget, 1), days: DECISION_WINDOW_DAYS, from: ctx.now });
  const raw = forecast[measure];
  const baseline = ctx.calibrator.apply(raw);
  const point = baseline.point * ratioAfter;
  const rel = Math.sqrt(
    ((baseline.high80 - baseline.low80) / 2 / Math.max(baseline.point, 1e-9)) ** 2 +
      Z80 ** 2 * (weakest.others.logVariance + weakest.rate.logVariance * (weakest.audience.weight / totalWeight) ** 2),
  );
  const prediction = {
    metric: measure,
    windowHours: DECISION_WINDOW_DAYS * 24,
    point,
    low80: Math.max(0, point * (1 - rel)),
    high80: point * (1 + rel),
    baseline: baseline.point,
  };
  const unit = measure === 'revenue' ? 'revenue per unit of spend' : 'conversions per 1,000 spent';
  const show = (r: RateEstimate) => ratio(measure === 'revenue' ? r.mean : r.mean * 1000);
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'targeting', campaignId: campaign.id, audienceId: weakest.audience.id, enabled: false },
    before: { kind: 'targeting', audienceId: weakest.audience.id, enabled: true },
    after: { kind: 'targeting', audienceId: weakest.audience.id, enabled: false },
    reasoning:
      `Switch off audience '${weakest.audience.name}': lately it returns ${show(weakest.rate)} in ${unit}, ${pct(weakest.rate.mean / weakest.others.mean - 1)} against the campaign's other audiences (${show(weakest.others)})` +
      `${floor !== undefined ? `, below the ${ratio(measure === 'revenue' ? floor : floor * 1000)} the agent's goal needs` : ''}; its ${pct(weakest.audience.weight / totalWeight).replace('+', '')} share of the budget goes to them. ` +
      `Forecast ${measure} over the next ${DECISION_WINDOW_DAYS} days: ${money(point)} (80%: ${money(prediction.low80)}–${money(prediction.high80)}) against ${money(baseline.point)} unchanged.`,
    prediction,
    raw: { metric: measure, point: raw.point * ratioAfter, low80: raw.low80 * ratioAfter, high80: raw.high80 * ratioAfter },
    confidence: decisionConfidence(prediction),
    evidenceConversions: evidence,
    metrics: { audiences: rates.map((r) => ({ id: r.audience.id, weight: r.audience.weight, rate: r.rate.mean })) },
  };
}

/** The weight-blended rate of a set of audiences, with the spread of its parts. */
function othersRate(rates: readonly { audience: AudienceInfo; rate: RateEstimate }[]): RateEstimate {
  const weight = rates.reduce((s, r) => s + r.audience.weight, 0);
  const mean = rates.reduce((s, r) => s + (r.audience.weight / weight) * r.rate.mean, 0);
  const logVariance = rates.reduce((s, r) => s + (((r.audience.weight / weight) * r.rate.mean) / mean) ** 2 * r.rate.logVariance, 0);
  return { mean, shape: 1 / logVariance, logVariance };
}

/** What a unit of spend must return for the agent's efficiency goal: its ROAS goal, or 1 / its CPA goal. */
function goalFloor(ctx: ReviewContext): number | undefined {
  const measure = ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue';
  for (const goal of ctx.agent.goals) {
    if (measure === 'revenue' && goal.metric === 'roas' && goal.op === '>=') return goal.value;
    if (measure === 'conversions' && goal.metric === 'cpa' && goal.op === '<=') return 1 / goal.value;
  }
  return undefined;
}
