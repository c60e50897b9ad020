import type { CampaignInfo } from '@shared/domain/campaign';
import { toCampaignChange, type Decision } from '@shared/domain/decision';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { SerialQueue } from '../execution/serial-queue';
import { accountAfter } from '../guardrails/settings';

/**
 * The money path of one account: every change that moves money, whatever its path, is guarded
 * and sent one at a time through this queue, and the account as last read follows every change
 * executed since. That view is what the guard at the moment of execution sums budgets over.
 */
export class AccountView {
  private readonly queue = new SerialQueue();
  private campaigns: CampaignInfo[] = [];

  constructor(private readonly platform: Pick<PlatformAdapter, 'listCampaigns'>) {}

  /** Runs `task` once every change queued before it is settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    return this.queue.run(task);
  }

  get current(): readonly CampaignInfo[] {
    return this.campaigns;
  }

  /** Reads the account again; call inside `run`, so that no change being sent meanwhile is missing from it. */
  async refresh(): Promise<CampaignInfo[]> {
    this.campaigns = await this.platform.listCampaigns();
    return this.campaigns;
  }

  /** The account with `campaign` as the platform has it now, the rest as last read. */
  with(campaign: CampaignInfo): CampaignInfo[] {
    return this.campaigns.some((c) => c.id === campaign.id) ? this.campaigns.map((c) => (c.id === campaign.id ? campaign : c)) : [...this.campaigns, campaign];
  }

  follow(decision: Decision): void {
    const campaign = this.campaigns.find((c) => c.id === decision.campaignId);
    if (campaign) this.campaigns = accountAfter(this.campaigns, campaign, toCampaignChange(decision));
  }
}
