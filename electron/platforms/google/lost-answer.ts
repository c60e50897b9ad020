import type { AccountZone } from '@shared/zone';
import type { GoogleAdsClient } from './ads-client';
import type { Mutation } from './change-plan';
import { idCondition } from './google-rows';

/** Where each mutate service's answer holds the resource, and how a GAQL read finds it again. */
export const RESOURCE_OF: Record<Mutation['service'], { key: string; query: (scopeId: string) => string }> = {
  campaignBudgets: {
    key: 'campaignBudget',
    query: (id) => `SELECT campaign_budget.resource_name, campaign_budget.amount_micros FROM campaign_budget WHERE ${idCondition('campaign_budget.id', [id])}`,
  },
  campaigns: { key: 'campaign', query: (id) => `SELECT campaign.resource_name, campaign.status FROM campaign WHERE ${idCondition('campaign.id', [id])}` },
  adGroupCriteria: {
    key: 'adGroupCriterion',
    query: (id) =>
      `SELECT ad_group_criterion.resource_name, ad_group_criterion.cpc_bid_micros, ad_group_criterion.status FROM ad_group_criterion WHERE ${idCondition('campaign.id', [id])}`,
  },
  adGroupAds: {
    key: 'adGroupAd',
    query: (id) => `SELECT ad_group_ad.resource_name, ad_group_ad.status FROM ad_group_ad WHERE ${idCondition('campaign.id', [id])}`,
  },
};

/** How a write whose answer was lost turned out: `current` is false when it landed but something changed the resource since. */
export type Settlement = { applied: false; how: string } | { applied: true; current: boolean; how: string };

interface ChangeEventRow {
  changeEvent: { changeResourceName?: string; clientType?: string; newResource?: Record<string, Record<string, unknown> | undefined> };
}

/** Events read to settle one write: a lost answer is a matter of seconds, so a handful of minutes' worth is plenty. */
const CHANGE_EVENT_LIMIT = 1_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Settles a mutate whose answer was lost (all its operations landed or none did): a GAQL read of
 * its resources says applied when they show the new values, not applied when they still show the
 * old ones. Anything else (someone changed them since) is ambiguous, and the account's change
 * history decides: applied if it holds an API change to each resource setting the value sent.
 */
export async function settleLostWrite(client: GoogleAdsClient, zone: AccountZone, mutation: Mutation, sentAt: number): Promise<Settlement> {
  const { key, query } = RESOURCE_OF[mutation.service];
  const rows = await client.search<Record<string, Record<string, unknown> | undefined>>(query(mutation.scopeId));
  const shown = mutation.writes.map((w) => {
    const found = rows.map((r) => r[key]).find((r) => r?.resourceName === w.resourceName)?.[w.field];
    return found === undefined ? undefined : String(found);
  });
  if (mutation.writes.every((w, i) => shown[i] === w.value)) return { applied: true, current: true, how: 'read back shows it applied' };
  if (mutation.writes.every((w, i) => shown[i] === w.was)) return { applied: false, how: 'reads back unchanged' };
  const since = zone.isoLocal(sentAt - CLOCK_SKEW_MS);
  const events = await client.search<ChangeEventRow>(
    'SELECT change_event.change_date_time, change_event.change_resource_name, change_event.client_type, change_event.new_resource FROM change_event ' +
      `WHERE change_event.change_date_time >= '${since.slice(0, 10)} ${since.slice(11, 19)}' ORDER BY change_event.change_date_time LIMIT ${CHANGE_EVENT_LIMIT}`,
  );
  const landed = mutation.writes.every((w) =>
    events.some(
      ({ changeEvent: e }) =>
        e.changeResourceName === w.resourceName && e.clientType === 'GOOGLE_ADS_API' && String(e.newResource?.[key]?.[w.field]) === w.value,
    ),
  );
  return landed
    ? { applied: true, current: false, how: 'the change history shows it applied, and changed again since' }
    : { applied: false, how: 'reads back changed by someone else, and the change history holds no such change' };
}
