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
}

export function createSnapshotRepository({ db }: Handles): SnapshotRepository {
  return {
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
  };
}
