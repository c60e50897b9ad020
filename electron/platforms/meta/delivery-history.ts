import type { GraphClient } from './graph-client';
import { isRetired, type AdRow, type InsightRow } from './meta-objects';
import { fromDecimalText } from './money-units';

/** Ad ids asked about in one call, so that the query string stays short. */
const IDS_PER_CALL = 50;

/**
 * Which ads have ever delivered, as the account's whole insights history says
 * (`date_preset=maximum`). An ad's `created_time` is when it was made, not when it first ran: a
 * creative made paused and never switched on has never gone live (the engine's `liveSince` is
 * null), and the engine treats it as untried. An ad once seen delivering is remembered; one not
 * yet is asked about again at the next read, since it may have run meanwhile.
 */
export class DeliveryHistory {
  private readonly delivered = new Set<string>();

  constructor(
    private readonly client: GraphClient,
    private readonly accountPath: string,
  ) {}

  /** The ads among `ads` known to have delivered; only ads of creatives with no active ad are asked about (the others are live now). */
  async of(ads: readonly AdRow[]): Promise<ReadonlySet<string>> {
    const unknown = restedAdIds(ads).filter((id) => !this.delivered.has(id));
    for (let from = 0; from < unknown.length; from += IDS_PER_CALL) {
      const rows = await this.client.getAll<InsightRow>(`${this.accountPath}/insights`, {
        level: 'ad',
        date_preset: 'maximum',
        fields: ['ad_id', 'impressions', 'spend'],
        filtering: [{ field: 'ad.id', operator: 'IN', value: unknown.slice(from, from + IDS_PER_CALL) }],
      });
      for (const row of rows) {
        const ran = fromDecimalText(row.impressions, 'insights impressions') > 0 || fromDecimalText(row.spend, 'insights spend') > 0;
        if (row.ad_id !== undefined && ran) this.delivered.add(row.ad_id);
      }
    }
    return this.delivered;
  }
}

/** The live ads of creatives none of whose ads is active. */
function restedAdIds(ads: readonly AdRow[]): string[] {
  const live = ads.filter((a) => !isRetired(a.status) && !isRetired(a.effective_status));
  const running = new Set(live.filter((a) => a.status === 'ACTIVE').map((a) => a.creative?.id ?? a.id));
  return live.filter((a) => !running.has(a.creative?.id ?? a.id)).map((a) => a.id);
}
