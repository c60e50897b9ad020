import { AgentMind } from '@engine/agents/agent-mind';
import type { ReviewContext } from '@engine/agents/proposal';
import { DAY_MS, HOUR_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { stream } from '@shared/random';
import type { CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { AgentDefinitionSchema, type AgentDefinition } from '@shared/scenario/schema';
import { history, START, type Truth } from '../forecast/synthetic';

/**
 * Small review contexts for the proposers' own tests: campaigns whose days are drawn from a known
 * curve, read by an agent's observer and learned by its models as a running agent would, without
 * a runtime, a store or a platform.
 */

export const DAYS = 28;
/** Midnight after the last reported day: when the review runs. */
export const NOW = START + DAYS * DAY_MS;

export function campaign(id: string, over: Partial<CampaignInfo> = {}): CampaignInfo {
  return {
    id,
    name: `Campaign ${id}`,
    platform: 'sandbox',
    status: 'active',
    dailyBudget: 1000,
    minDailyBudget: 10,
    labels: [],
    bid: { strategy: 'lowest_cost' },
    audiences: [],
    creatives: [],
    ...over,
  };
}

export function agent(over: Record<string, unknown> = {}): AgentDefinition {
  return AgentDefinitionSchema.parse({ name: 'Agent', campaigns: '*', ...over });
}

/** A campaign's reported days drawn from `truth` around `spend` a day, each day in one hourly row at noon. */
export function reportedDays(campaignId: string, truth: Truth, spend: number, { days = DAYS, spread = 0.35, cpc = 2 } = {}): HourlyMetrics[] {
  return history(stream(7, campaignId), truth, days, spend, spread).map((d) => ({
    campaignId,
    hour: d.day + 12 * HOUR_MS,
    spend: d.spend,
    impressions: 0,
    clicks: d.spend / cpc,
    conversions: d.conversions,
    revenue: d.revenue,
  }));
}

/** One segment (creative or audience) of a campaign: its spend a day and its conversions per unit of spend on day `i` of DAYS. */
export interface Segment {
  id: string;
  spend: number;
  rate: (i: number) => number;
}

/**
 * A campaign's reported days split over its creatives or audiences, without noise: each
 * segment's row (conversions rounded, revenue at `orderValue` each) and the campaign's row that
 * sums them.
 */
export function segmentedDays(
  campaignId: string,
  kind: 'creative' | 'audience',
  segments: readonly Segment[],
  { days = DAYS, orderValue = 50, cpc = 2 } = {},
): HourlyMetrics[] {
  return Array.from({ length: days }, (_, i) => {
    const hour = START + i * DAY_MS + 12 * HOUR_MS;
    const parts = segments.map((s) => {
      const conversions = Math.round(s.spend * s.rate(i));
      const row: HourlyMetrics = { campaignId, hour, spend: s.spend, impressions: 0, clicks: s.spend / cpc, conversions, revenue: conversions * orderValue };
      return kind === 'creative' ? { ...row, creativeId: s.id } : { ...row, audienceId: s.id };
    });
    const sum = (field: 'spend' | 'clicks' | 'conversions' | 'revenue') => parts.reduce((t, p) => t + p[field], 0);
    return [
      { campaignId, hour, spend: sum('spend'), impressions: 0, clicks: sum('clicks'), conversions: sum('conversions'), revenue: sum('revenue') },
      ...parts,
    ];
  }).flat();
}

function breakdownOf(row: HourlyMetrics): string {
  if (row.audienceId !== undefined) return 'audience';
  return row.creativeId !== undefined ? 'creative' : 'none';
}

/** The agent's mind after reading `rows` up to NOW: what a review works from. */
export async function mindAfter(
  definition: AgentDefinition,
  campaigns: readonly CampaignInfo[],
  rows: readonly HourlyMetrics[],
  now = NOW,
): Promise<AgentMind> {
  const mind = new AgentMind('agent-1', definition, 'active', [], AccountZone.UTC);
  const platform = {
    getMetrics: async (q: { campaignIds?: string[]; from: number; to: number; breakdown?: string }) =>
      rows.filter((r) => (q.campaignIds ?? []).includes(r.campaignId) && r.hour >= q.from && r.hour < q.to && breakdownOf(r) === (q.breakdown ?? 'none')),
  } as unknown as Parameters<AgentMind['observer']['refresh']>[0];
  const ids = campaigns.map((c) => c.id);
  await mind.observer.refresh(platform, ids, now);
  mind.learn(ids, now);
  return mind;
}

/** The review a mind makes of its campaigns at `now`, with nobody awaited and nothing changed lately unless said. */
export function reviewOf(mind: AgentMind, campaigns: readonly CampaignInfo[], over: Partial<ReviewContext> = {}): ReviewContext {
  return {
    agent: mind.definition,
    now: NOW,
    campaigns,
    models: mind.models,
    observer: mind.observer,
    calibrator: mind.calibrator,
    raiseBias: mind.raiseCalibrator.bias,
    history: [],
    awaitingPerson: new Set(),
    ...over,
  };
}
