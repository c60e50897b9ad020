import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { PlatformError, type ApplyResult, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';
import type { IdempotencyStore } from '@shared/platform/idempotency';
import type { Clock } from '@shared/time';
import { AdDelivery } from './ad-delivery';
import { GoogleAdsApiError } from './ads-errors';
import type { GoogleAdsClient, MutateResult } from './ads-client';
import { campaignView, isSharedBudget, type GoogleCampaignView } from './campaign-view';
import { operationsOf, planChange, type BudgetSharer, type Mutation } from './change-plan';
import { readCustomer, type GoogleCustomer } from './google-account';
import { isRemoved, QUERIES, type AdGroupRow, type AdRow, type CampaignRow, type CriterionRow, type LabelRow } from './google-rows';
import { RESOURCE_OF, settleLostWrite } from './lost-answer';
import { fromMicros } from './micros';
import { DAILY_SPEND_MULTIPLE, readHourlyMetrics, REPORTING_NOTES, REPORTS_SETTLE_DAYS } from './reports';

export interface GoogleAdapterOptions {
  client: GoogleAdsClient;
  clock: Clock;
  idempotency: IdempotencyStore;
  /**
   * Whether the agents on this account manage a campaign (asked at each change). A shared budget
   * is changed only when every campaign on it is managed; without this, no shared budget is
   * changed at all.
   */
  manages?: (campaignId: string) => boolean;
  log?: (line: string) => void;
}

/** Opens a Google Ads customer: reads it (currency, time zone, manager flag) and returns its adapter. */
export async function openGoogleAdapter(options: GoogleAdapterOptions): Promise<GoogleAdapter> {
  const customer = await readCustomer(options.client);
  if (customer.manager) {
    throw new PlatformError('INVALID_CHANGE', `customer ${customer.id} is a manager account: it has no campaigns of its own; join its client accounts instead`);
  }
  return new GoogleAdapter(options, customer);
}

/**
 * The platform port over one Google Ads customer (REST JSON). Reads are GAQL; a change is
 * planned as absolute values, dry-run with `validateOnly` (Google's refusal comes back with its
 * error code and words), then sent for real with MUTABLE_RESOURCE and confirmed from the answer.
 * A write whose answer is lost is settled by reading the resource back. Idempotency keys are kept
 * in the injected store; the day's operations are counted by the client.
 */
export class GoogleAdapter implements PlatformAdapter {
  readonly id: string;
  readonly currency: string;
  readonly reportsSettleDays = REPORTS_SETTLE_DAYS;
  readonly reportingNotes = REPORTING_NOTES;
  readonly dailySpendMultiple = DAILY_SPEND_MULTIPLE;
  private readonly client: GoogleAdsClient;
  private readonly delivery: AdDelivery;
  /** Label names by resource name, kept between reads: labels rarely change, and every search counts against the day's operations. */
  private labelNames = new Map<string, string>();

  constructor(
    private readonly options: GoogleAdapterOptions,
    readonly customer: GoogleCustomer,
  ) {
    this.id = customer.id;
    this.currency = customer.currency;
    this.client = options.client;
    this.delivery = new AdDelivery(options.client, customer.zone, options.clock);
  }

  /** Operations left until Google's quota day turns (midnight Pacific time), for agents and hosts to plan with. */
  operationsLeftToday(): number {
    return this.client.quota.leftToday();
  }

  async listCampaigns(): Promise<CampaignInfo[]> {
    return (await this.describeCampaigns()).map((v) => v.info);
  }

  async getCampaign(campaignId: string): Promise<CampaignInfo> {
    return (await this.describeCampaign(campaignId)).info;
  }

  /** Every campaign not removed, with Google's detail: its budget and whether it is shared, its bidding. */
  async describeCampaigns(campaignIds?: readonly string[]): Promise<GoogleCampaignView[]> {
    const campaigns = (await this.client.search<CampaignRow>(QUERIES.campaigns(campaignIds))).filter((r) => !isRemoved(r.campaign.status));
    if (campaigns.length === 0) return [];
    const adGroups = await this.client.search<AdGroupRow>(QUERIES.adGroups(campaignIds));
    const criteria = await this.client.search<CriterionRow>(QUERIES.criteria(campaignIds));
    const ads = await this.client.search<AdRow>(QUERIES.ads(campaignIds));
    const firstServed = await this.delivery.of(ads);
    const labelNames = await this.labelNamesOf(campaigns);
    const budgetCampaigns = await this.campaignsOnSharedBudgets(campaigns, campaignIds);
    return campaigns.map((campaign) => campaignView(this.customer, { campaign, adGroups, criteria, ads, firstServed, labelNames, budgetCampaigns }));
  }

  /** The campaigns on each shared budget among `campaigns`: read anew only when some were left out of the rows (a read of chosen ids). */
  private async campaignsOnSharedBudgets(campaigns: CampaignRow[], campaignIds: readonly string[] | undefined): Promise<Map<string, string[]>> {
    const shared = campaigns.filter((r) => r.campaignBudget !== undefined && isSharedBudget(r.campaignBudget));
    const byBudget = new Map<string, string[]>();
    if (shared.length === 0) return byBudget;
    const all =
      campaignIds === undefined ? campaigns : (await this.client.search<CampaignRow>(QUERIES.campaigns())).filter((r) => !isRemoved(r.campaign.status));
    for (const r of all) {
      const budget = r.campaign.campaignBudget;
      if (budget === undefined) continue;
      const list = byBudget.get(budget);
      if (list) list.push(r.campaign.id);
      else byBudget.set(budget, [r.campaign.id]);
    }
    return byBudget;
  }

  /** The label names the campaigns need, read anew only when one of them carries a label not yet known. */
  private async labelNamesOf(campaigns: CampaignRow[]): Promise<ReadonlyMap<string, string>> {
    const unknown = campaigns.some((r) => (r.campaign.labels ?? []).some((l) => !this.labelNames.has(l)));
    if (unknown) {
      const rows = await this.client.search<LabelRow>(QUERIES.labels);
      this.labelNames = new Map(rows.map((r) => [r.label.resourceName, r.label.name]));
    }
    return this.labelNames;
  }

  async describeCampaign(campaignId: string): Promise<GoogleCampaignView> {
    if (!/^\d+$/.test(campaignId)) throw new PlatformError('NOT_FOUND', `"${campaignId}" is not a Google Ads campaign id`);
    const [view] = await this.describeCampaigns([campaignId]);
    if (!view) throw new PlatformError('NOT_FOUND', `campaign ${campaignId} is not in customer ${this.id}, or is removed`);
    return view;
  }

  async getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    if (!Number.isFinite(query.from) || !Number.isFinite(query.to)) {
      throw new PlatformError('INVALID_CHANGE', `metrics query needs finite from and to, got ${query.from}..${query.to}`);
    }
    return readHourlyMetrics(this.client, this.customer.zone, query);
  }

  async applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult> {
    const fingerprint = JSON.stringify(change);
    const earlier = await this.options.idempotency.get(this.id, idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        throw new PlatformError('INVALID_CHANGE', `idempotency key "${idempotencyKey}" was already used for a different change`);
      return { ...earlier.result, applied: false };
    }
    const before = await this.describeCampaign(change.campaignId);
    const sharers = change.kind === 'budget' && before.budget?.shared ? await this.sharersOf(before) : undefined;
    const manages = this.options.manages;
    const managed = manages ? { has: (id: string) => manages(id) } : undefined;
    const mutation = planChange(before, change, { currency: this.currency, sharers, managed });
    let campaign = before.info;
    if (mutation) {
      const operations = operationsOf(mutation);
      await this.client.mutate(mutation.service, operations, { validateOnly: true });
      const written = await this.write(mutation, operations);
      campaign = written.current ? infoAfter(before.info, change, written.values) : await this.getCampaign(change.campaignId);
    }
    const result: ApplyResult = { campaign, applied: true, appliedAt: this.options.clock.now() };
    await this.options.idempotency.put(this.id, idempotencyKey, { fingerprint, result });
    return result;
  }

  /** The other campaigns (not removed) on a campaign's shared budget. */
  private async sharersOf(view: GoogleCampaignView): Promise<BudgetSharer[]> {
    const all = await this.client.search<CampaignRow>(QUERIES.campaigns());
    return all
      .filter((r) => r.campaign.campaignBudget === view.budget?.resourceName && r.campaign.id !== view.info.id && !isRemoved(r.campaign.status))
      .map((r) => ({ id: r.campaign.id, name: r.campaign.name }));
  }

  /**
   * The real mutate, and the values it set as Google's answer shows them. An answer lost on the
   * way (no answer, or a server error) is settled by reading the resources back; `current` is
   * false when it landed but the resources changed again since, so they must be read anew.
   */
  private async write(mutation: Mutation, operations: Record<string, unknown>[]): Promise<{ values: string[]; current: boolean }> {
    const { key } = RESOURCE_OF[mutation.service];
    const sentAt = this.options.clock.now();
    let results: MutateResult[];
    try {
      results = await this.client.mutate(mutation.service, operations);
    } catch (error) {
      if (!(error instanceof GoogleAdsApiError) || error.platformCode !== 'TRANSIENT') throw error;
      const settled = await settleLostWrite(this.client, this.customer.zone, mutation, sentAt).catch(() => undefined);
      if (!settled?.applied) {
        throw new PlatformError('TRANSIENT', `${mutation.what}: ${error.message}; ${settled?.how ?? 'could not be read back'}, so it was not applied`);
      }
      this.options.log?.(`google: ${mutation.what}: the answer was lost (${error.message}); ${settled.how}`);
      return { values: mutation.writes.map((w) => w.value), current: settled.current };
    }
    const values = mutation.writes.map((w, i) => {
      const resource = results.find((r) => r.resourceName === w.resourceName) ?? results[i];
      const value = (resource?.[key] as Record<string, unknown> | undefined)?.[w.field];
      if (String(value) !== w.value)
        throw new PlatformError('TRANSIENT', `${mutation.what}: Google accepted it but answers ${w.field} = ${String(value)}, not ${w.value}`);
      return w.value;
    });
    return { values, current: true };
  }
}

/** The campaign as it stands after a confirmed change: the values Google answered with, put where the change asked. */
function infoAfter(info: CampaignInfo, change: CampaignChange, values: string[]): CampaignInfo {
  const value = values[0];
  switch (change.kind) {
    case 'budget':
      return { ...info, dailyBudget: fromMicros(value, `campaign ${info.id} budget amount_micros`) };
    case 'status':
      return { ...info, status: value === 'ENABLED' ? 'active' : 'paused' };
    case 'bid':
      return { ...info, bid: { strategy: 'max_cpc', amount: fromMicros(value, `campaign ${info.id} cpc_bid_micros`) } };
    case 'creative':
      return { ...info, creatives: info.creatives.map((c) => (c.id === change.creativeId ? { ...c, enabled: value === 'ENABLED' } : c)) };
    case 'targeting':
      return { ...info, audiences: info.audiences.map((a) => (a.id === change.audienceId ? { ...a, enabled: value === 'ENABLED' } : a)) };
  }
}
