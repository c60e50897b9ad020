import type { CampaignInfo, CreativeInfo } from '@shared/domain/campaign';
import { Z80 } from '../forecast/assumptions';
import { weekdayOf } from '../forecast/calendar';
import { changesWithin } from '../guardrails/settings';
import { DAY_MS, HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import { DECISION_WINDOW_DAYS } from './budget-proposals';
import { decisionConfidence } from './decision-confidence';
import { money, ratio, share } from './format';
import { eachCampaign, evidenceOf, notWorthAsking, type Proposal, type ReviewContext } from './proposal';
import { fitFatigue, windowFactor } from './creative-fatigue';
import { creativesSaturation, paceAt } from './creative-pace';
import { pooledRate, probabilityBelow, type RateEstimate } from './segments';

/**
 * Creative testing (DESIGN.md step 3). Spend splits evenly over a campaign's running creatives
 * and every running creative tires, so the campaign converts at the mean of their rates: the
 * best mix is the best creative alone, exchanged for another as it tires. Each creative is
 * judged by its fatigue fit (creative-fatigue.ts) on days restated at the campaign's budget now
 * (creative-pace.ts): a running creative by its rate over the decision window as it keeps tiring; a
 * rested one from where it stopped; an untried one from the library by what the campaign's
 * creatives did when new, with CHALLENGER_LOG_SD of doubt. A rested creative with no figures
 * left in the lookback stays rested. One change a campaign per review:
 * - retire the running creative most likely below the best running one, when it is with
 *   RETIRE_SURE probability (the last one running is never retired: stopping a campaign is a
 *   budget call);
 * - otherwise bring in the creative expected to do best when it beats the best running one by
 *   SWITCH_MARGIN, which pays for the days both run. A trial too unsure to make alone and too
 *   small to ask a person about waits.
 * Forecasts come from the same rates, over the window's weekdays: the campaign's response model
 * knows the campaign, not its mix, and lags a tiring creative.
 */
export const RETIRE_SURE = 0.8;
export const SWITCH_MARGIN = 0.1;
const CHALLENGER_LOG_SD = 0.3;
const MAX_RUNNING = 3;

interface Standing {
  creative: CreativeInfo;
  /** Rate on its next running day (rested: where it stopped), per unit of spend at today's budget. */
  level: RateEstimate;
  /** Its rate's change with each day it runs; 1 for a creative never run. */
  dailyFactor: number;
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
  const fit = model.summary();
  const campaignSpend = new Map(ctx.observer.daily(campaign.id, ctx.now).map((d) => [d.day, d.spend]));
  const raw = new Map(campaign.creatives.map((c) => [c, ctx.observer.daily(campaign.id, ctx.now, `creative:${c.id}`)]));
  const zone = ctx.observer.zone;
  const k = creativesSaturation([...raw.values()], campaignSpend, fit.weekday, zone) ?? fit.halfSaturationSpend;
  const pace = paceAt(campaignSpend, fit.weekday, k, campaign.dailyBudget, zone);
  const daysOf = (c: CreativeInfo) => raw.get(c)!.map(pace);
  const prior = pooledRate(campaign.creatives.map(daysOf), 'conversions');
  const seen = (creative: CreativeInfo): Standing | undefined => {
    const days = daysOf(creative);
    if (!days.some((d) => d.spend > 0)) return undefined;
    const fatigue = fitFatigue(days, 'conversions', prior, creative.enabled ? 'next' : 'last');
    return { creative, level: fatigue.level, dailyFactor: fatigue.dailyFactor };
  };
  const running = enabled.map((c) => seen(c) ?? { creative: c, level: { mean: prior, shape: 0, logVariance: 1 }, dailyFactor: 1 });
  const ahead = (s: Standing): RateEstimate => ({ ...s.level, mean: s.level.mean * windowFactor(s, DECISION_WINDOW_DAYS) });
  const best = running.reduce((a, b) => (ahead(b).mean > ahead(a).mean ? b : a));
  const coolingDown = (c: CreativeInfo) =>
    changesWithin(ctx.history, campaign.id, ctx.now - ctx.agent.constraints.cooldownHours * HOUR_MS).some((h) => h.setting === `creative:${c.id}`);
  const window = { ctx, campaign, weekday: fit.weekday, evidence, running };

  const losing = running
    .filter((s) => s !== best && !coolingDown(s.creative))
    .map((s) => ({ s, below: probabilityBelow(ahead(s), ahead(best), 1) }))
    .filter((x) => x.below > RETIRE_SURE)
    .sort((a, b) => b.below - a.below)[0]?.s;
  if (losing) {
    return build(
      window,
      losing.creative,
      false,
      running.filter((s) => s !== losing),
      `Retire '${losing.creative.name}': ${rateText(losing)} against ${rateText(best)}; its share of spend goes to the others.`,
    );
  }

  if (running.length >= MAX_RUNNING) return undefined;
  const ran = campaign.creatives.map(daysOf).filter((d) => d.some((x) => x.spend > 0));
  if (ran.length === 0) return undefined;
  const freshLevel = median(ran.map((d) => fitFatigue(d, 'conversions', prior, 'first').level.mean));
  const newcomer = (creative: CreativeInfo): Standing => ({
    creative,
    level: { mean: freshLevel, shape: 1 / CHALLENGER_LOG_SD ** 2, logVariance: CHALLENGER_LOG_SD ** 2 },
    dailyFactor: 1,
  });
  const challenger = campaign.creatives
    .filter((c) => !c.enabled && !coolingDown(c))
    .map((c) => (c.liveSince === null ? newcomer(c) : seen(c)))
    .filter((s): s is Standing => s !== undefined)
    .reduce<Standing | undefined>((a, b) => (a && ahead(a).mean >= ahead(b).mean ? a : b), undefined);
  if (!challenger || !(ahead(challenger).mean > ahead(best).mean * (1 + SWITCH_MARGIN))) return undefined;
  const expected =
    challenger.creative.liveSince === null
      ? `'${challenger.creative.name}' has not run yet and is expected to do what this campaign's creatives did when new, ${ratio(freshLevel * 1000)} per 1,000 spent, with ${Math.round(CHALLENGER_LOG_SD * 100)}% doubt`
      : `'${challenger.creative.name}' was converting ${ratio(challenger.level.mean * 1000)} per 1,000 spent when it was rested`;
  const trial = build(window, challenger.creative, true, [...running, challenger], `Bring in '${challenger.creative.name}': ${rateText(best)}; ${expected}.`);
  return notWorthAsking(trial, ctx.agent.constraints.minConfidence) ? undefined : trial;
}

/** What a running creative is expected to convert over the decision window, and how fast it tires. */
function rateText(s: Standing): string {
  const rate = s.level.mean * windowFactor(s, DECISION_WINDOW_DAYS);
  const perThousand = `'${s.creative.name}' is expected to convert ${ratio(rate * 1000)} per 1,000 spent over the next ${DECISION_WINDOW_DAYS} days`;
  return s.dailyFactor < 1 ? `${perThousand}, losing ${share(1 - s.dailyFactor)} a day as it tires` : perThousand;
}

/**
 * Conversions over the decision window at the campaign's budget with a set of creatives running:
 * each day the mean of their rates (each tiring at its own pace) times the weekday's multiplier.
 * `weights` are d log(total) / d log(rate) of each creative, for the spread; `from` is the local
 * midnight the window opens at.
 */
function windowConversions(
  mix: readonly Standing[],
  budget: number,
  weekday: readonly number[],
  from: number,
  zone: AccountZone,
): { total: number; weights: Map<Standing, number> } {
  const parts = new Map<Standing, number>();
  for (let k = 0; k < DECISION_WINDOW_DAYS; k++) {
    const dayWeight = (budget * weekday[weekdayOf(zone.dayKey(from) + k * DAY_MS)]) / mix.length;
    for (const s of mix) parts.set(s, (parts.get(s) ?? 0) + dayWeight * s.level.mean * s.dailyFactor ** k);
  }
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  return { total, weights: new Map([...parts].map(([s, v]) => [s, v / total])) };
}

interface Window {
  ctx: ReviewContext;
  campaign: CampaignInfo;
  weekday: readonly number[];
  evidence: number;
  running: readonly Standing[];
}

function build(w: Window, creative: CreativeInfo, enable: boolean, after: readonly Standing[], why: string): Proposal {
  const { ctx, campaign } = w;
  const metric: 'conversions' | 'revenue' = ctx.agent.objective === 'conversions' ? 'conversions' : 'revenue';
  const model = ctx.models.get(campaign.id)!;
  const budget = Math.max(campaign.dailyBudget, 1);
  const forecast = model.predict({ dailySpend: budget, days: DECISION_WINDOW_DAYS, from: ctx.now });
  const before = windowConversions(w.running, budget, w.weekday, ctx.now, ctx.observer.zone);
  const changed = windowConversions(after, budget, w.weekday, ctx.now, ctx.observer.zone);
  // The response model's spread (the days' luck) and value per conversion; the creatives' rates give the level.
  const modelled = forecast[metric];
  const scale =
    (before.total * (metric === 'revenue' ? forecast.revenue.point / Math.max(forecast.conversions.point, 1e-9) : 1)) / Math.max(modelled.point, 1e-9);
  const raw = { point: modelled.point * scale, low80: modelled.low80 * scale, high80: modelled.high80 * scale };
  const baseline = ctx.calibrator.apply(raw);
  const ratioAfter = changed.total / before.total;
  let logVariance = 0;
  for (const s of new Set([...w.running, ...after])) logVariance += ((changed.weights.get(s) ?? 0) - (before.weights.get(s) ?? 0)) ** 2 * s.level.logVariance;
  const point = baseline.point * ratioAfter;
  const baselineRel = (baseline.high80 - baseline.low80) / 2 / Math.max(baseline.point, 1e-9);
  const rel = Math.sqrt(baselineRel ** 2 + Z80 ** 2 * logVariance);
  const prediction = {
    metric,
    windowHours: DECISION_WINDOW_DAYS * 24,
    point,
    low80: Math.max(0, point * (1 - rel)),
    high80: point * (1 + rel),
    baseline: baseline.point,
  };
  return {
    agentName: ctx.agent.name,
    campaign,
    change: { kind: 'creative', campaignId: campaign.id, creativeId: creative.id, enabled: enable },
    before: { kind: 'creative', creativeId: creative.id, enabled: creative.enabled },
    after: { kind: 'creative', creativeId: creative.id, enabled: enable },
    reasoning: `${why} Forecast ${metric} over the next ${DECISION_WINDOW_DAYS} days: ${money(point)} (80%: ${money(prediction.low80)}–${money(prediction.high80)}) against ${money(baseline.point)} unchanged.`,
    prediction,
    raw: { metric, point: raw.point * ratioAfter, low80: raw.low80 * ratioAfter, high80: raw.high80 * ratioAfter },
    confidence: decisionConfidence(prediction),
    evidenceConversions: w.evidence,
    metrics: {
      creatives: w.running.map((s) => ({ creativeId: s.creative.id, rate: s.level.mean, dailyFactor: s.dailyFactor, conversions: s.level.shape })),
      mixRatio: ratioAfter,
    },
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
