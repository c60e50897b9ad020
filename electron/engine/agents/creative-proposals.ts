import type { CampaignInfo, CreativeInfo } from '../../../shared/domain/campaign';
import { Z80 } from '../forecast/assumptions';
import { changesWithin } from '../guardrails/settings';
import { HOUR_MS } from '../ports/clock';
import { DECISION_WINDOW_DAYS } from './budget-proposals';
import { decisionConfidence } from './decision-confidence';
import { money, pct, ratio } from './format';
import { eachCampaign, evidenceOf, type Proposal, type ReviewContext } from './proposal';
import { freshRate, pooledRate, probabilityBelow, recentRate, type RateEstimate } from './segments';

/**
 * Creative testing (DESIGN.md step 3): spend splits evenly over a campaign's enabled creatives,
 * so each creative's conversions per unit of spend measure it against the others. A creative
 * is retired when it is clearly losing to the best (LOSING_FACTOR, SURE) or clearly tired
 * (its recent rate fallen below TIRED_FACTOR of its own first week); when one is, an untried
 * creative from the library is brought in first, expected to do what the campaign's creatives
 * did in their first week (a fresh creative has not tired yet), with CHALLENGER_LOG_SD of doubt.
 * The best creative tiring (the only one left, often) brings in a challenger too, but is never
 * retired for it. One creative change a campaign per review.
 */
export const LOSING_FACTOR = 0.85;
export const TIRED_FACTOR = 0.75;
export const SURE = 0.9;
const CHALLENGER_LOG_SD = 0.3;
const MAX_ENABLED = 3;

interface Scored {
  creative: CreativeInfo;
  recent: RateEstimate;
  fresh: RateEstimate;
}

export function proposeCreatives(ctx: ReviewContext): Proposal[] {
  return eachCampaign(ctx, 'creative', (campaign) => creativeMove(ctx, campaign));
}

function creativeMove(ctx: ReviewContext, campaign: CampaignInfo): Proposal | undefined {
  const model = ctx.models.get(campaign.id);
  const enabled = campaign.creatives.filter((c) => c.enabled);
  if (!model?.ready || enabled.length === 0) return undefined;
  const evidence = evidenceOf(ctx, campaign.id);
  if (evidence < ctx.agent.constraints.minConversionsToAct) return undefined;
  const daysOf = (c: CreativeInfo) => ctx.observer.daily(campaign.id, ctx.now, `creative:${c.id}`);
  const prior = pooledRate(enabled.map(daysOf), 'conversions');
  const scored: Scored[] = enabled.map((creative) => ({ creative, recent: recentRate(daysOf(creative), 'conversions', prior, ctx.now), fresh: freshRate(daysOf(creative), 'conversions', prior) }));
  const best = scored.reduce((a, b) => (b.recent.mean > a.recent.mean ? b : a));
  const coolingDown = (c: CreativeInfo) =>
    changesWithin(ctx.history, campaign.id, ctx.now - ctx.agent.constraints.cooldownHours * HOUR_MS).some((h) => h.setting === `creative:${c.id}`);
  const challenger = campaign.creatives.find((c) => !c.enabled && c.liveSince === null && !coolingDown(c));
  // The best creative tiring is a reason to bring in a challenger, never to retire it.
  const weak = scored
    .filter((s) => !coolingDown(s.creative) && (s !== best || challenger))
    .map((s) => ({ ...s, losing: s === best ? 0 : probabilityBelow(s.recent, best.recent, LOSING_FACTOR), tired: probabilityBelow(s.recent, s.fresh, TIRED_FACTOR) }))
    .filter((s) => s.losing > SURE || (s.tired > SURE && (s.creative === best.creative || probabilityBelow(s.recent, best.recent, 1) > SURE)))
    .sort((a, b) => a.recent.mean - b.recent.mean)[0];
  if (!weak) return undefined;
  const why = weak.losing > SURE
    ? `'${weak.creative.name}' converts ${ratio(weak.recent.mean * 1000)} per 1,000 spent lately, ${pct(weak.recent.mean / best.recent.mean - 1)} against '${best.creative.name}' (${ratio(best.recent.mean * 1000)})`
    : `'${weak.creative.name}' has tired: ${ratio(weak.recent.mean * 1000)} conversions per 1,000 spent lately against ${ratio(weak.fresh.mean * 1000)} in its first week`;
  const retire = () =>
    enabled.length < 2 || weak.creative === best.creative
      ? undefined
      : build(ctx, campaign, weak.creative, false, scored.map((s) => s.recent), { remove: scored.indexOf(scored.find((s) => s.creative === weak.creative)!) }, evidence,
          `Retire '${weak.creative.name}': ${why}; its share of spend goes to the others.`);
  if (challenger && enabled.length < MAX_ENABLED + 1) {
    const freshLevel = median(scored.map((s) => s.fresh.mean));
    const newcomer: RateEstimate = { mean: freshLevel, shape: 1 / CHALLENGER_LOG_SD ** 2, logVariance: CHALLENGER_LOG_SD ** 2 };
    const trial = build(ctx, campaign, challenger, true, scored.map((s) => s.recent), { add: newcomer }, evidence,
      `Try '${challenger.name}' from the library: ${why}. A creative nobody has seen yet is expected to do what this campaign's creatives did in their first week (${ratio(freshLevel * 1000)} per 1,000 spent), with ${Math.round(CHALLENGER_LOG_SD * 100)}% doubt.`);
    // A trial too unsure to run without a person waits; retiring the weak creative is sure enough now.
    if (trial.confidence >= ctx.agent.constraints.minConfidence || enabled.length < 2) return trial;
  }
  return retire();
}

function mixRatio(rates: readonly RateEstimate[], change: { add?: RateEstimate; remove?: number }): { ratio: number; logSd: number } {
  const sum = rates.reduce((s, r) => s + r.mean, 0);
  const n = rates.length;
  if (change.add) {
    const after = sum + change.add.mean;
    const ratio = after / (n + 1) / (sum / n);
    let variance = (change.add.mean / after) ** 2 * change.add.logVariance;
    for (const r of rates) variance += (r.mean / after - r.mean / sum) ** 2 * r.logVariance;
    return { ratio, logSd: Math.sqrt(variance) };
  }
  const removed = rates[change.remove!];
  const after = sum - removed.mean;
  const ratio = after / (n - 1) / (sum / n);
  let variance = 0;
  rates.forEach((r, i) => {
    const d = i === change.remove ? -r.mean / after + r.mean / sum : r.mean / after - r.mean / sum;
    variance += d * d * r.logVariance;
  });
  return { ratio, logSd: Math.sqrt(variance) };
}

function build(
  ctx: ReviewContext,
  campaign: CampaignInfo,
  creative: CreativeInfo,
  enable: boolean,
  rates: readonly RateEstimate[],
  change: { add?: RateEstimate; remove?: number },
  evidence: number,
  why: string,
): Proposal {
  const metric: 'conversions' | 'revenue' = ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue';
  const model = ctx.models.get(campaign.id)!;
  const forecast = model.predict({ dailySpend: Math.max(campaign.dailyBudget, 1), days: DECISION_WINDOW_DAYS, from: ctx.now });
  const raw = forecast[metric];
  const baseline = ctx.calibrator.apply(raw);
  const mix = mixRatio(rates, change);
  const point = baseline.point * mix.ratio;
  const baselineRel = (baseline.high80 - baseline.low80) / 2 / Math.max(baseline.point, 1e-9);
  const rel = Math.sqrt(baselineRel ** 2 + (Z80 * mix.logSd) ** 2);
  const prediction = { metric, windowHours: DECISION_WINDOW_DAYS * 24, point, low80: Math.max(0, point * (1 - rel)), high80: point * (1 + rel), baseline: baseline.point };
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'creative', campaignId: campaign.id, creativeId: creative.id, enabled: enable },
    before: { kind: 'creative', creativeId: creative.id, enabled: creative.enabled },
    after: { kind: 'creative', creativeId: creative.id, enabled: enable },
    reasoning: `${why} Forecast ${metric} over the next ${DECISION_WINDOW_DAYS} days: ${money(point)} (80%: ${money(prediction.low80)}–${money(prediction.high80)}) against ${money(baseline.point)} unchanged.`,
    prediction,
    raw: { metric, point: raw.point * mix.ratio, low80: raw.low80 * mix.ratio, high80: raw.high80 * mix.ratio },
    confidence: decisionConfidence(prediction),
    evidenceConversions: evidence,
    metrics: { creatives: rates.map((r) => ({ rate: r.mean, conversions: r.shape })), mixRatio: mix.ratio },
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
