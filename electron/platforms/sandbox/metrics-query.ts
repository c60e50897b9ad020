import type { HourlyMetrics } from '@shared/domain/campaign';
import { HOUR_MS } from '@shared/time';
import type { MetricsQuery } from '@shared/platform/adapter';
import type { CampaignState } from './campaign-state';
import { CLICK_THROUGH_RATE } from './formulas';
import type { World } from './world';

/**
 * Hourly rows as the platform reports them now: only hours already simulated, conversions
 * and revenue only as far as attribution has caught up. Rows with nothing in them are left
 * out, as ad platforms do.
 */
export function queryMetrics(world: World, campaigns: CampaignState[], query: MetricsQuery): HourlyMetrics[] {
  const first = Math.max(0, Math.floor((query.from - world.startMs) / HOUR_MS));
  const end = Math.min(world.hour, Math.ceil((query.to - world.startMs) / HOUR_MS));
  const breakdown = query.breakdown ?? 'none';
  const rows: HourlyMetrics[] = [];
  for (const c of campaigns) {
    const groups = groupsOf(c, breakdown);
    for (let t = first; t < end; t++) {
      const hour = world.startMs + t * HOUR_MS;
      for (const group of groups) {
        let spend = 0;
        let clicks = 0;
        let conversions = 0;
        let revenue = 0;
        for (const p of group.pairs) {
          const slot = t * c.pairs + p;
          spend += c.spend[slot];
          clicks += c.clicks[slot];
          conversions += c.conversions[slot];
          revenue += c.revenue[slot];
        }
        if (spend === 0 && conversions === 0) continue;
        const row: HourlyMetrics = { campaignId: c.spec.id, hour, spend, impressions: clicks / CLICK_THROUGH_RATE, clicks, conversions, revenue };
        if (group.audienceId !== undefined) row.audienceId = group.audienceId;
        if (group.creativeId !== undefined) row.creativeId = group.creativeId;
        rows.push(row);
      }
    }
  }
  return rows;
}

interface PairGroup {
  pairs: number[];
  audienceId?: string;
  creativeId?: string;
}

function groupsOf(c: CampaignState, breakdown: 'none' | 'audience' | 'creative'): PairGroup[] {
  const nC = c.creatives.length;
  const all = Array.from({ length: c.pairs }, (_, p) => p);
  if (breakdown === 'audience' && c.audiences[0].id !== null) {
    return c.audiences.map((a, i) => ({ audienceId: a.id as string, pairs: all.filter((p) => Math.floor(p / nC) === i) }));
  }
  if (breakdown === 'creative' && c.creatives[0].id !== null) {
    return c.creatives.map((cr, k) => ({ creativeId: cr.id as string, pairs: all.filter((p) => p % nC === k) }));
  }
  return [{ pairs: all }];
}
