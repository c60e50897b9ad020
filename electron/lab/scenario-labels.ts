import type { CampaignInfo } from '@shared/domain/campaign';
import type { PlatformAdapter } from '@shared/platform/adapter';

/**
 * A stand-in until the fake Google Ads API serves campaign labels (`campaign_label`, `label.name`)
 * and the Google adapter reads them: without them neither the agents nor the guard would see
 * the labels a scenario gives its campaigns (a `protectedLabel` policy's "protected" above all),
 * and a run through Google would change campaigns the direct run leaves alone. The adapter is
 * shown with the scenario's labels on its campaigns, by platform id; everything else passes through.
 */
export function withScenarioLabels(adapter: PlatformAdapter, labels: ReadonlyMap<string, readonly string[]>): PlatformAdapter {
  const labelled = (campaign: CampaignInfo): CampaignInfo => {
    const own = labels.get(campaign.id) ?? [];
    return own.length === 0 ? campaign : { ...campaign, labels: [...own, ...campaign.labels.filter((l) => !own.includes(l))] };
  };
  return {
    id: adapter.id,
    currency: adapter.currency,
    reportsSettleDays: adapter.reportsSettleDays,
    reportingNotes: adapter.reportingNotes,
    listCampaigns: async () => (await adapter.listCampaigns()).map(labelled),
    getCampaign: async (campaignId) => labelled(await adapter.getCampaign(campaignId)),
    getMetrics: (query) => adapter.getMetrics(query),
    applyChange: async (change, idempotencyKey) => {
      const result = await adapter.applyChange(change, idempotencyKey);
      return { ...result, campaign: labelled(result.campaign) };
    },
  };
}
