import type { BidSetting, CampaignInfo, CampaignStatus } from '@shared/domain/campaign';
import type { CampaignSpec, Response } from '@shared/scenario/schema';
import { keyFor } from './draws';

/**
 * One campaign inside the world: its settings (which the adapter changes), its truth (which
 * only the oracle reads), its random keys and its hourly ledger. A campaign without audiences
 * has one implicit audience, without creatives one implicit creative, so the hot loop has a
 * single shape: units are (audience, creative) pairs.
 */
export interface AudienceState {
  id: string | null;
  name: string;
  weight: number;
  enabled: boolean;
  /** The true response of this audience as of the current day (changes applied). */
  response: Response;
}

export interface CreativeState {
  id: string | null;
  name: string;
  quality: number;
  fatigueHalfLifeDays: number | undefined;
  enabled: boolean;
  liveHours: number;
  liveSince: number | null;
}

export interface CampaignState {
  index: number;
  spec: CampaignSpec;
  status: CampaignStatus;
  dailyBudget: number;
  bid: BidSetting;
  audiences: AudienceState[];
  creatives: CreativeState[];
  orderMean: number;
  orderSigma: number;
  /** Index of the next change in spec.changes (sorted by day) still to apply. */
  nextChange: number;
  /** Today's draws and factors, set when the day begins. */
  cpcToday: number;
  rateMultiplier: number;
  creativeFactors: Float64Array;
  pairs: number;
  convKeys: Uint32Array;
  revenueKeys: Uint32Array;
  delayKeys: Uint32Array;
  cpcKey: number;
  rateKey: number;
  /** Hourly ledger, index hour * pairs + pair: spend, clicks, and conversions and revenue as reported so far. */
  spend: Float64Array;
  clicks: Float64Array;
  conversions: Float64Array;
  revenue: Float64Array;
}

export function createCampaignState(spec: CampaignSpec, index: number, seed: number, startMs: number, totalHours: number): CampaignState {
  const base: Response = spec.response ?? { maxConversions: 0, halfSaturationSpend: 1, shape: 1 };
  const audiences: AudienceState[] =
    spec.audiences.length > 0
      ? spec.audiences.map((a) => ({ id: a.id, name: a.name, weight: a.weight, enabled: a.enabled, response: { ...(a.response ?? base) } }))
      : [{ id: null, name: spec.name, weight: 1, enabled: true, response: { ...base } }];
  const creatives: CreativeState[] =
    spec.creatives.length > 0
      ? spec.creatives.map((c) => ({
          id: c.id,
          name: c.name,
          quality: c.quality,
          fatigueHalfLifeDays: c.fatigueHalfLifeDays,
          enabled: c.enabled,
          liveHours: 0,
          liveSince: c.enabled ? startMs : null,
        }))
      : [{ id: null, name: spec.name, quality: 1, fatigueHalfLifeDays: undefined, enabled: true, liveHours: 0, liveSince: startMs }];
  const pairs = audiences.length * creatives.length;
  const pairKeys = (purpose: string) => {
    const keys = new Uint32Array(pairs);
    audiences.forEach((a, i) => creatives.forEach((c, j) => (keys[i * creatives.length + j] = keyFor(seed, purpose, spec.id, a.id ?? '', c.id ?? ''))));
    return keys;
  };
  const slots = pairs * totalHours;
  return {
    index,
    spec: { ...spec, changes: [...spec.changes].sort((a, b) => a.day - b.day) },
    status: spec.status,
    dailyBudget: spec.dailyBudget,
    bid: spec.bid,
    audiences,
    creatives,
    orderMean: spec.orderValue.mean,
    orderSigma: spec.orderValue.sigma,
    nextChange: 0,
    cpcToday: spec.market.cpc,
    rateMultiplier: 1,
    creativeFactors: new Float64Array(creatives.length),
    pairs,
    convKeys: pairKeys('conversions'),
    revenueKeys: pairKeys('order-value'),
    delayKeys: pairKeys('attribution-delay'),
    cpcKey: keyFor(seed, 'cpc', spec.id),
    rateKey: keyFor(seed, 'conversion-rate', spec.id),
    spend: new Float64Array(slots),
    clicks: new Float64Array(slots),
    conversions: new Float64Array(slots),
    revenue: new Float64Array(slots),
  };
}

/** Applies the scenario's `changes` due by `day`: the named fields take the new values, on the campaign and every audience. */
export function applyDueChanges(campaign: CampaignState, day: number): void {
  const changes = campaign.spec.changes;
  while (campaign.nextChange < changes.length && changes[campaign.nextChange].day <= day) {
    const change = changes[campaign.nextChange++];
    if (change.response) {
      for (const audience of campaign.audiences) Object.assign(audience.response, definedFields(change.response));
    }
    if (change.orderValue?.mean !== undefined) campaign.orderMean = change.orderValue.mean;
    if (change.orderValue?.sigma !== undefined) campaign.orderSigma = change.orderValue.sigma;
  }
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function campaignInfo(campaign: CampaignState): CampaignInfo {
  const { spec } = campaign;
  return {
    id: spec.id,
    name: spec.name,
    platform: spec.platform,
    status: campaign.status,
    dailyBudget: campaign.dailyBudget,
    minDailyBudget: spec.minDailyBudget,
    labels: [...spec.labels],
    bid: { ...campaign.bid },
    audiences: campaign.audiences.filter((a) => a.id !== null).map((a) => ({ id: a.id as string, name: a.name, weight: a.weight, enabled: a.enabled })),
    creatives: campaign.creatives.filter((c) => c.id !== null).map((c) => ({ id: c.id as string, name: c.name, enabled: c.enabled, liveSince: c.liveSince })),
  };
}
