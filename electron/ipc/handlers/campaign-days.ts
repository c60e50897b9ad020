import type { Assignment, CampaignDay } from '@shared/domain/experiment';
import type { AccountZone } from '@shared/zone';
import type { RecordAccess } from '../services';
import { dailyTotals } from './goal-progress';

/** Each campaign's totals on each of the account's local days in [from, to) with a reported hour: what an experiment is split and analysed from. */
export function campaignDays(metrics: RecordAccess['metrics'], campaignIds: readonly string[], from: number, to: number, zone: AccountZone): CampaignDay[] {
  return campaignIds.flatMap((campaignId) =>
    dailyTotals(metrics, [campaignId], from, to, zone).map(({ date, spend, revenue, conversions }) => ({ campaignId, date, spend, revenue, conversions })),
  );
}

/** What of an experiment says which days it covers. */
interface ExperimentDates {
  assignment: Pick<Assignment, 'treatment' | 'holdout'>;
  startDate: string;
  endDate: string;
  preDays: number;
  stopped?: { at: number };
}

/**
 * The experiment's campaigns' complete local days as of `now`: the pre-period, then the test days
 * before today, through its end date, and before the day a person stopped it (the agents had that
 * day in part). What its analysis is made from, in the app and in the client report alike.
 */
export function experimentDays(metrics: RecordAccess['metrics'], zone: AccountZone, experiment: ExperimentDates, now: number): CampaignDay[] {
  const start = zone.dayOfDate(experiment.startDate).startMs;
  const ends = [zone.startOfDay(now), zone.dayOfDate(experiment.endDate).endMs];
  if (experiment.stopped) ends.push(zone.startOfDay(experiment.stopped.at));
  const { treatment, holdout } = experiment.assignment;
  return campaignDays(metrics, [...treatment, ...holdout], zone.addLocalDays(start, -experiment.preDays), Math.min(...ends), zone);
}
