import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { PlatformError, type ApplyResult, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';
import { HOUR_MS, type Clock } from '@shared/time';
import { BudgetChangeLedger, BUDGET_CHANGES_PER_HOUR } from './budget-ledger';
import { campaignView, type CampaignView } from './campaign-view';
import { planChange, type Write } from './change-plan';
import { DeliveryHistory } from './delivery-history';
import { MetaApiError } from './graph-errors';
import type { GraphClient } from './graph-client';
import type { IdempotencyStore } from '@shared/platform/idempotency';
import { readHourlyMetrics, REPORTING_NOTES, REPORTS_SETTLE_DAYS, type ConversionSetting } from './insights';
import { readAccount, type MetaAccount } from './meta-account';
import { FIELDS, isRetired, parseMetaTime, type ActivityRow, type AdRow, type AdSetRow, type CampaignRow } from './meta-objects';

export interface MetaAdapterOptions {
  client: GraphClient;
  /** "act_123" or "123". */
  accountId: string;
  clock: Clock;
  idempotency: IdempotencyStore;
  /** Which action counts as a conversion, and in which attribution windows (default: purchases, in the account's own setting). */
  conversions?: Partial<ConversionSetting>;
  log?: (line: string) => void;
}

const BUDGET_EVENTS = new Set(['update_ad_set_budget', 'update_campaign_budget']);

/** Opens a Meta ad account: reads it (currency, time zone, status, minimum budgets) and returns its adapter. */
export async function openMetaAdapter(options: MetaAdapterOptions): Promise<MetaAdapter> {
  return new MetaAdapter(options, await readAccount(options.client, options.accountId));
}

/**
 * The platform port over one Meta ad account (Graph API, plain REST). Reads present each budget
 * where it lives (campaign.ts); a change is planned as absolute values, dry-run with
 * `validate_only` (Meta's refusal comes back in Meta's words), written with `POST /{id}`, and
 * read back to confirm. A write whose answer is lost is settled by reading the object back. At
 * most four budget changes an hour reach an ad set: the fifth is refused here, never sent.
 * Idempotency keys are kept in the injected store.
 */
export class MetaAdapter implements PlatformAdapter {
  readonly id: string;
  readonly currency: string;
  readonly reportsSettleDays = REPORTS_SETTLE_DAYS;
  readonly reportingNotes = REPORTING_NOTES;
  private readonly client: GraphClient;
  private readonly clock: Clock;
  private readonly conversions: ConversionSetting;
  private readonly ledger = new BudgetChangeLedger();
  private readonly delivery: DeliveryHistory;

  constructor(
    private readonly options: MetaAdapterOptions,
    readonly account: MetaAccount,
  ) {
    this.id = account.id;
    this.currency = account.currency;
    this.client = options.client;
    this.clock = options.clock;
    this.conversions = { actionType: options.conversions?.actionType ?? 'purchase', windows: options.conversions?.windows };
    this.delivery = new DeliveryHistory(this.client, account.id);
  }

  async listCampaigns(): Promise<CampaignInfo[]> {
    return (await this.describeCampaigns()).map((v) => v.info);
  }

  /** Every live campaign with Meta's detail: where its budget lives, its ad sets and their learning stage. */
  async describeCampaigns(): Promise<CampaignView[]> {
    const path = this.account.id;
    const campaigns = await this.client.getAll<CampaignRow>(`${path}/campaigns`, { fields: FIELDS.campaign });
    const adSets = await this.client.getAll<AdSetRow>(`${path}/adsets`, { fields: FIELDS.adSet });
    const ads = await this.client.getAll<AdRow>(`${path}/ads`, { fields: FIELDS.ad });
    const delivered = await this.delivery.of(ads);
    return campaigns.filter((c) => !isRetired(c.status) && !isRetired(c.effective_status)).map((c) => campaignView(this.account, c, adSets, ads, delivered));
  }

  async getCampaign(campaignId: string): Promise<CampaignInfo> {
    return (await this.describeCampaign(campaignId)).info;
  }

  async describeCampaign(campaignId: string): Promise<CampaignView> {
    if (!/^\d+$/.test(campaignId)) throw new PlatformError('NOT_FOUND', `"${campaignId}" is not a Meta campaign id`);
    const campaign = await this.client.get<CampaignRow & { account_id?: string }>(campaignId, { fields: [...FIELDS.campaign, 'account_id'] });
    if (campaign.account_id !== undefined && `act_${campaign.account_id}` !== this.account.id) {
      throw new PlatformError('NOT_FOUND', `campaign ${campaignId} is not in ${this.account.id}`);
    }
    if (isRetired(campaign.status) || isRetired(campaign.effective_status)) {
      throw new PlatformError('NOT_FOUND', `campaign ${campaignId} is ${campaign.status.toLowerCase()}; the adapter leaves archived and deleted objects alone`);
    }
    const adSets = await this.client.getAll<AdSetRow>(`${campaignId}/adsets`, { fields: FIELDS.adSet });
    const ads = await this.client.getAll<AdRow>(`${campaignId}/ads`, { fields: FIELDS.ad });
    return campaignView(this.account, campaign, adSets, ads, await this.delivery.of(ads));
  }

  async getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    if (!Number.isFinite(query.from) || !Number.isFinite(query.to)) {
      throw new PlatformError('INVALID_CHANGE', `metrics query needs finite from and to, got ${query.from}..${query.to}`);
    }
    let creativeOfAd: Map<string, string> | undefined;
    if (query.breakdown === 'creative') {
      creativeOfAd = new Map();
      const ads = await this.client.getAll<AdRow>(`${this.account.id}/ads`, { fields: ['id', 'creative'] });
      for (const ad of ads) creativeOfAd.set(ad.id, ad.creative?.id ?? ad.id);
    }
    return readHourlyMetrics(
      { client: this.client, accountPath: this.account.id, zone: this.account.zone, conversions: this.conversions, creativeOfAd },
      query,
    );
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
    const writes = planChange(before, change, this.currency);
    if (writes.some((w) => w.budgetOf)) await this.guardBudgetRate(writes);
    for (const write of writes) await this.client.post(write.objectId, { ...write.params, execution_options: ['validate_only'] });
    for (const write of writes) await this.write(write);
    const after = writes.length > 0 ? await this.describeCampaign(change.campaignId) : before;
    this.confirm(after, writes);
    const result: ApplyResult = { campaign: after.info, applied: true, appliedAt: this.clock.now() };
    await this.options.idempotency.put(this.id, idempotencyKey, { fingerprint, result });
    return result;
  }

  /** Refuses, before anything is sent, a budget change that would be an object's fifth within the hour. */
  private async guardBudgetRate(writes: Write[]): Promise<void> {
    const now = this.clock.now();
    const since = Math.floor((now - HOUR_MS) / 1000);
    const activities = await this.client.getAll<ActivityRow>(`${this.account.id}/activities`, { fields: FIELDS.activity, since });
    for (const write of writes) {
      if (!write.budgetOf) continue;
      const times = activities.filter((a) => a.object_id === write.budgetOf && BUDGET_EVENTS.has(a.event_type)).map((a) => parseMetaTime(a.event_time));
      this.ledger.seen(write.budgetOf, times.filter(Number.isFinite));
      const next = this.ledger.nextAllowedAt(write.budgetOf, now);
      if (next > now) {
        throw new PlatformError(
          'RATE_LIMITED',
          `${write.what}: changed ${this.ledger.countInHour(write.budgetOf, now)} times in the last hour; Meta allows ${BUDGET_CHANGES_PER_HOUR} and blocks the next for an hour, so it was not sent (possible in ${Math.ceil((next - now) / 60_000)} min)`,
          next - now,
        );
      }
    }
  }

  /** One write; an answer lost on the way (or a passing failure) is settled by reading the object back. */
  private async write(write: Write): Promise<void> {
    try {
      await this.client.post(write.objectId, write.params);
    } catch (error) {
      if (write.budgetOf && error instanceof PlatformError && error.platformCode === 'RATE_LIMITED') {
        this.ledger.block(write.budgetOf, this.clock.now() + HOUR_MS);
        throw new PlatformError('RATE_LIMITED', error.message, HOUR_MS);
      }
      if (!(error instanceof MetaApiError) || error.platformCode !== 'TRANSIENT') throw error;
      const landed = await this.landed(write).catch(() => undefined);
      if (landed !== true) {
        const state = landed === undefined ? 'could not be read back' : 'reads back unchanged';
        throw new PlatformError('TRANSIENT', `${write.what}: ${error.message}; ${state}, so it was not applied`);
      }
      this.options.log?.(`meta: ${write.what}: the answer was lost (${error.message}); read back shows it applied`);
    }
    if (write.budgetOf) this.ledger.record(write.budgetOf, this.clock.now());
  }

  private async landed(write: Write): Promise<boolean> {
    const row = await this.client.get<Record<string, unknown>>(write.objectId, { fields: Object.keys(write.expect) });
    return Object.entries(write.expect).every(([field, value]) => String(row[field]) === value);
  }

  /** The campaign read back after the writes must show every value written. */
  private confirm(after: CampaignView, writes: Write[]): void {
    const { campaign, adSets, ads } = after.rows;
    const rows = new Map<string, Record<string, unknown>>([[campaign.id, campaign as unknown as Record<string, unknown>]]);
    for (const row of [...adSets, ...ads]) rows.set(row.id, row as unknown as Record<string, unknown>);
    for (const write of writes) {
      const row = rows.get(write.objectId);
      const off = Object.entries(write.expect).find(([field, value]) => String(row?.[field]) !== value);
      if (off) throw new PlatformError('TRANSIENT', `${write.what}: Meta accepted it but reads back ${off[0]} = ${String(row?.[off[0]])}, not ${off[1]}`);
    }
  }
}
