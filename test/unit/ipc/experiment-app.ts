import { composeApp, type ComposedApp } from '@host/compose';
import type { Scheduler } from '@engine/runtime/scheduler';
import type { ExportDestination } from '@ipc/services';
import { createIpcServer } from '@ipc/server';
import { createAcmConnection } from '@renderer/ipc/client';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { PlatformAdapter } from '@shared/platform/adapter';
import { HOUR_MS, ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { openDatabase, type Store } from '@store/index';
import { FakePlatform, fakeCampaign } from '../../integration/host/fake-platform';
import { inProcessBridge } from './app-fixture';
import { oneWorkspace } from './one-workspace';

/** A scheduler that wakes nothing: the test ticks the runtime itself, hour by hour. */
export const noScheduler: Scheduler = { add: () => () => undefined, poll: () => undefined, stop: () => undefined, idle: async () => undefined };

export interface ExperimentApp {
  store: Store;
  clock: ManualClock;
  zone: AccountZone;
  app: ComposedApp;
  client: ReturnType<ReturnType<typeof createAcmConnection>['clientFor']>;
  close(): Promise<void>;
}

/**
 * A workspace composed as both hosts compose it (composeApp: the runtime asks the experiments'
 * holdout), on a manual clock, its calls made through the real IPC server.
 */
export async function experimentApp(options: {
  platform: PlatformAdapter;
  clock: ManualClock;
  zone: AccountZone;
  exportDestination?: ExportDestination;
}): Promise<ExperimentApp> {
  const store = openDatabase({ path: ':memory:' });
  const { platform, clock, zone } = options;
  const account = { name: 'Test account', platform, clock, zone, rules: { policies: [], calendar: [] } };
  const app = await composeApp(store, account, () => undefined, { scheduler: noScheduler, exportDestination: options.exportDestination });
  const client = createAcmConnection(inProcessBridge(createIpcServer(oneWorkspace(app.services)))).clientFor(1);
  return {
    store,
    clock,
    zone,
    app,
    client,
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** Eight campaigns of the fake platform, budgets from 100 to 800. */
export const eightCampaigns = (): CampaignInfo[] => Array.from({ length: 8 }, (_, i) => fakeCampaign(`c${i + 1}`, { dailyBudget: 100 * (i + 1) }));

export const fakePlatform = (campaigns = eightCampaigns()) => new FakePlatform(campaigns, 'EUR');

/**
 * Reports one hour (local noon) of every campaign on each of the `days` local days before the
 * clock's day and, with `today`, on today too: campaign ci spends 100·i a day at ROAS 3 + i/10.
 */
export function reportDays(store: Store, zone: AccountZone, now: number, campaignIds: readonly string[], days: number, from = 1): void {
  const today = zone.startOfDay(now);
  const rows = [];
  for (let back = from; back <= days; back++) {
    const noon = zone.addLocalDays(today, -back) + 12 * HOUR_MS;
    for (const campaignId of campaignIds) {
      const i = Number(campaignId.slice(1));
      const spend = 100 * i * (1 + 0.05 * Math.sin(back + i));
      rows.push({
        campaignId,
        hour: noon,
        audienceId: '',
        creativeId: '',
        spend,
        impressions: 1000,
        clicks: 50,
        conversions: spend / 40,
        revenue: spend * (3 + i / 10),
        reportedAt: now,
      });
    }
  }
  store.metrics.upsertMany(rows);
}
