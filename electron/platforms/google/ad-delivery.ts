import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { GoogleAdsClient } from './ads-client';
import { idCondition, isRemoved, type AdRow } from './google-rows';

/** How far back the first day an ad served is looked for: an ad that served only before is taken to have served since that day. */
const HISTORY_DAYS = 3 * 365;

interface ServedRow {
  adGroupAd: { ad: { id: string } };
  segments: { date: string };
  metrics: { impressions?: string };
}

/**
 * When each ad first served, as Google's daily reports show it. Google tells neither when an ad
 * was made nor when it was switched on, yet the agents must tell a rested ad (it has a record to
 * judge) from one that never ran (it is tried on what new ads did). Only rested ads are asked
 * about, at most once an hour each while they have not served, and a first day once found is
 * kept: it never changes.
 */
export class AdDelivery {
  private readonly firstServed = new Map<string, number>();
  private readonly askedAt = new Map<string, number>();

  constructor(
    private readonly client: GoogleAdsClient,
    private readonly zone: AccountZone,
    private readonly clock: Clock,
  ) {}

  /** The first instant (local midnight of the first day with impressions) of each ad known to have served. */
  async of(ads: readonly AdRow[]): Promise<ReadonlyMap<string, number>> {
    const now = this.clock.now();
    const hour = this.zone.startOfHour(now);
    const unknown = restedAdIds(ads).filter((id) => !this.firstServed.has(id) && this.askedAt.get(id) !== hour);
    if (unknown.length === 0) return this.firstServed;
    const today = this.zone.startOfDay(now);
    const from = this.zone.date(this.zone.addLocalDays(today, -HISTORY_DAYS));
    const rows = await this.client.search<ServedRow>(
      `SELECT ad_group_ad.ad.id, segments.date, metrics.impressions FROM ad_group_ad WHERE ${idCondition('ad_group_ad.ad.id', unknown)} ` +
        `AND segments.date BETWEEN '${from}' AND '${this.zone.date(today)}'`,
    );
    for (const id of unknown) this.askedAt.set(id, hour);
    for (const row of rows) {
      if (!(Number(row.metrics.impressions ?? 0) > 0)) continue;
      const id = row.adGroupAd.ad.id;
      const since = this.zone.dayOfDate(row.segments.date).startMs;
      if (since < (this.firstServed.get(id) ?? Infinity)) this.firstServed.set(id, since);
    }
    return this.firstServed;
  }
}

/** The ads (by id) none of whose rows is enabled: the only ones whose past the agents weigh. */
function restedAdIds(ads: readonly AdRow[]): string[] {
  const live = ads.filter((a) => !isRemoved(a.adGroupAd.status));
  const running = new Set(live.filter((a) => a.adGroupAd.status === 'ENABLED').map((a) => a.adGroupAd.ad.id));
  return [...new Set(live.map((a) => a.adGroupAd.ad.id))].filter((id) => !running.has(id));
}
