import { AccountZone } from '@shared/zone';
import type { CampaignInfo } from '@shared/domain/campaign';
import { ManualClock } from '@shared/time';
import type { AccountFactory } from '@host/default-account';
import type { ApplyResult, PlatformAdapter } from '@shared/platform/adapter';
import { PlatformError } from '@shared/platform/adapter';

export const FAKE_START = Date.UTC(2026, 0, 5);

export function fakeCampaign(id: string, overrides: Partial<CampaignInfo> = {}): CampaignInfo {
  return {
    id,
    name: `Campaign ${id}`,
    platform: 'meta',
    status: 'active',
    dailyBudget: 250,
    minDailyBudget: 1,
    labels: [],
    bid: { strategy: 'lowest_cost' },
    audiences: [],
    creatives: [],
    ...overrides,
  };
}

/** A platform that holds a fixed list of campaigns in memory: enough to drive the IPC and host. */
export class FakePlatform implements PlatformAdapter {
  readonly id = 'fake';
  constructor(
    private campaigns: CampaignInfo[],
    readonly currency = 'EUR',
  ) {}
  async listCampaigns(): Promise<CampaignInfo[]> {
    return structuredClone(this.campaigns);
  }
  async getCampaign(campaignId: string): Promise<CampaignInfo> {
    const found = this.campaigns.find((c) => c.id === campaignId);
    if (!found) throw new PlatformError('NOT_FOUND', `no campaign ${campaignId}`);
    return structuredClone(found);
  }
  async getMetrics() {
    return [];
  }
  async applyChange(): Promise<ApplyResult> {
    throw new PlatformError('INVALID_CHANGE', 'the fake platform takes no changes');
  }
}

export const fakeCampaigns = (): CampaignInfo[] => [
  fakeCampaign('c1', { name: 'Spring sale — prospecting', dailyBudget: 1200 }),
  fakeCampaign('c2', { name: 'Brand search', platform: 'google', status: 'paused', dailyBudget: 85.5 }),
];

/** An account factory for tests: the fake platform on the host's accelerated clock. */
export const fakeAccountFactory =
  (campaigns: CampaignInfo[] = fakeCampaigns()): AccountFactory =>
  async ({ startClock }) => ({
    name: 'Test account',
    platform: new FakePlatform(campaigns),
    clock: startClock(FAKE_START),
    zone: AccountZone.UTC,
    rules: { policies: [], calendar: [] },
  });

export const manualClock = (): ManualClock => new ManualClock(FAKE_START);
