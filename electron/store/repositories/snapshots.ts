import { and, desc, eq, lte } from 'drizzle-orm';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { CampaignSnapshot } from '@shared/domain/metrics';
import { fromJson, toJson } from '../json';
import { campaignSnapshots } from '../schema';
import type { Handles } from './handles';

export interface SnapshotRepository {
  insert(snapshot: CampaignSnapshot): void;
  /** The campaign as last seen at or before `at` (default: the latest). */
  latest(campaignId: string, at?: number): CampaignSnapshot | undefined;
  /**
   * Keeps a snapshot of each campaign whose settings differ from its last one (unchanged ones add
   * nothing): what a campaign was called and how it was set, for reports read from the database
   * alone. How many it kept.
   */
  keepChanged(campaigns: readonly CampaignInfo[], at: number): number;
}

export function createSnapshotRepository({ db }: Handles): SnapshotRepository {
  const repository: SnapshotRepository = {
    insert(snapshot) {
      db.insert(campaignSnapshots)
        .values({
          takenAt: snapshot.takenAt,
          campaignId: snapshot.campaignId,
          campaign: toJson(snapshot.campaign, `snapshot of campaign ${snapshot.campaignId}`),
        })
        .run();
    },
    latest(campaignId, at) {
      const row = db
        .select()
        .from(campaignSnapshots)
        .where(and(eq(campaignSnapshots.campaignId, campaignId), at === undefined ? undefined : lte(campaignSnapshots.takenAt, at)))
        .orderBy(desc(campaignSnapshots.takenAt), desc(campaignSnapshots.id))
        .limit(1)
        .get();
      return (
        row && {
          takenAt: row.takenAt,
          campaignId: row.campaignId,
          campaign: fromJson<CampaignInfo>(row.campaign, `snapshot ${row.id} of campaign ${campaignId}`),
        }
      );
    },
    keepChanged(campaigns, at) {
      let kept = 0;
      for (const campaign of campaigns) {
        const last = repository.latest(campaign.id);
        if (last && JSON.stringify(last.campaign) === JSON.stringify(campaign)) continue;
        repository.insert({ takenAt: at, campaignId: campaign.id, campaign });
        kept++;
      }
      return kept;
    },
  };
  return repository;
}
