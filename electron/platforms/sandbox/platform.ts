import type { CampaignChange, CampaignInfo, HourlyMetrics } from '@shared/domain/campaign';
import { DAY_MS } from '@shared/time';
import { PlatformError, type ApplyResult, type MetricsQuery, type PlatformAdapter } from '@shared/platform/adapter';
import { campaignInfo, type CampaignState } from './campaign-state';
import { keyFor } from './draws';
import { errorFor, FaultInjector, type CallInfo } from './faults';
import { queryMetrics } from './metrics-query';
import type { World } from './world';
import { restoreSettings, settingsOf } from './world-state';

/** How long an idempotency key is honoured after its first use, as ad and payment APIs keep theirs: a day. */
export const IDEMPOTENCY_WINDOW_MS = DAY_MS;

/**
 * The sandbox behind the platform adapter interface: answers as of the world's current hour,
 * honours idempotency keys for a day (the same key returns the first result and changes
 * nothing), and fails on demand through `faults`. `beforeCall` lets a live account bring the
 * world up to the clock first; `afterChange` lets it commit each change before confirming it
 * (a change it cannot commit is undone and the call fails, as a platform's would).
 */
export class SandboxPlatform implements PlatformAdapter {
  readonly id: string;
  readonly currency: string;
  readonly faults: FaultInjector;
  /** The changes applied in the last day by idempotency key, oldest first (world-state.ts saves them). */
  readonly applied = new Map<string, { fingerprint: string; result: ApplyResult }>();
  private readonly beforeCall: () => void;
  private readonly afterChange: () => void;

  constructor(
    readonly world: World,
    options: { id?: string; beforeCall?: () => void; afterChange?: () => void } = {},
  ) {
    this.id = options.id ?? 'sandbox';
    this.currency = world.scenario.currency;
    this.faults = new FaultInjector(keyFor(world.seed, 'faults'));
    this.beforeCall = options.beforeCall ?? (() => undefined);
    this.afterChange = options.afterChange ?? (() => undefined);
  }

  async listCampaigns(): Promise<CampaignInfo[]> {
    this.enter({ operation: 'listCampaigns' });
    return this.world.campaigns.map(campaignInfo);
  }

  async getCampaign(campaignId: string): Promise<CampaignInfo> {
    this.enter({ operation: 'getCampaign', campaignId });
    return campaignInfo(this.find(campaignId));
  }

  async getMetrics(query: MetricsQuery): Promise<HourlyMetrics[]> {
    this.enter({ operation: 'getMetrics' });
    if (!Number.isFinite(query.from) || !Number.isFinite(query.to))
      throw new PlatformError('INVALID_CHANGE', `metrics query needs finite from and to, got ${query.from}..${query.to}`);
    const campaigns = query.campaignIds ? query.campaignIds.map((id) => this.find(id)) : this.world.campaigns;
    return queryMetrics(this.world, campaigns, query);
  }

  async applyChange(change: CampaignChange, idempotencyKey: string): Promise<ApplyResult> {
    const call: CallInfo = { operation: 'applyChange', campaignId: change.campaignId, changeKind: change.kind };
    this.beforeCall();
    this.forgetOldKeys();
    const fingerprint = JSON.stringify(change);
    const earlier = this.applied.get(idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new PlatformError('INVALID_CHANGE', `idempotency key "${idempotencyKey}" was already used for a different change`);
      }
      return { ...earlier.result, applied: false };
    }
    const fault = this.faults.take(call);
    if (fault && fault !== 'timeout') throw errorFor(fault, call);
    const campaign = this.find(change.campaignId);
    const before = settingsOf(campaign);
    this.mutate(campaign, change);
    const result: ApplyResult = { campaign: campaignInfo(campaign), applied: true, appliedAt: this.world.now() };
    this.applied.set(idempotencyKey, { fingerprint, result });
    try {
      this.afterChange();
    } catch (error) {
      restoreSettings(campaign, before);
      this.applied.delete(idempotencyKey);
      throw new PlatformError('TRANSIENT', `${change.campaignId}: the change could not be committed and was not applied (${(error as Error).message})`);
    }
    if (fault === 'timeout') throw new PlatformError('TRANSIENT', `request timed out: applyChange on ${change.campaignId} (injected; the change was applied)`);
    return result;
  }

  private enter(call: CallInfo): void {
    this.beforeCall();
    const fault = this.faults.take(call);
    if (fault && fault !== 'timeout' && fault !== 'reject') throw errorFor(fault, call);
  }

  private forgetOldKeys(): void {
    const oldest = this.world.now() - IDEMPOTENCY_WINDOW_MS;
    for (const [key, { result }] of this.applied) {
      if (result.appliedAt > oldest) return;
      this.applied.delete(key);
    }
  }

  private find(campaignId: string): CampaignState {
    const campaign = this.world.campaign(campaignId);
    if (!campaign) throw new PlatformError('NOT_FOUND', `no campaign "${campaignId}" in this sandbox account`);
    return campaign;
  }

  private mutate(campaign: CampaignState, change: CampaignChange): void {
    const id = campaign.spec.id;
    switch (change.kind) {
      case 'budget':
        if (!(Number.isFinite(change.dailyBudget) && change.dailyBudget >= campaign.spec.minDailyBudget)) {
          throw new PlatformError(
            'INVALID_CHANGE',
            `${id}: daily budget must be at least the platform minimum ${campaign.spec.minDailyBudget}, got ${change.dailyBudget}`,
          );
        }
        campaign.dailyBudget = change.dailyBudget;
        return;
      case 'bid':
        if (change.bid.strategy === 'max_cpc' && !(change.bid.amount > 0)) {
          throw new PlatformError('INVALID_CHANGE', `${id}: a max_cpc bid needs an amount > 0, got ${change.bid.amount}`);
        }
        campaign.bid = { ...change.bid };
        return;
      case 'status':
        campaign.status = change.status;
        return;
      case 'targeting': {
        const audience = campaign.audiences.find((a) => a.id !== null && a.id === change.audienceId);
        if (!audience) throw new PlatformError('NOT_FOUND', `${id}: no audience "${change.audienceId}"`);
        if (!change.enabled && audience.enabled && campaign.audiences.filter((a) => a.enabled).length === 1) {
          throw new PlatformError('INVALID_CHANGE', `${id}: cannot turn off "${change.audienceId}", the last enabled audience`);
        }
        audience.enabled = change.enabled;
        return;
      }
      case 'creative': {
        const creative = campaign.creatives.find((c) => c.id !== null && c.id === change.creativeId);
        if (!creative) throw new PlatformError('NOT_FOUND', `${id}: no creative "${change.creativeId}"`);
        creative.enabled = change.enabled;
        if (change.enabled && creative.liveSince === null) creative.liveSince = this.world.now();
        return;
      }
    }
  }
}
