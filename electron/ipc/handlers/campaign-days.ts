import type { CampaignDay } from '@shared/domain/experiment';
import type { AccountZone } from '@shared/zone';
import type { RecordAccess } from '../services';
import { dailyTotals } from './goal-progress';

/** Each campaign's totals on each of the account's local days in [from, to) with a reported hour: what an experiment is split and analysed from. */
export function campaignDays(metrics: RecordAccess['metrics'], campaignIds: readonly string[], from: number, to: number, zone: AccountZone): CampaignDay[] {
  return campaignIds.flatMap((campaignId) =>
    dailyTotals(metrics, [campaignId], from, to, zone).map(({ date, spend, revenue, conversions }) => ({ campaignId, date, spend, revenue, conversions })),
  );
}
