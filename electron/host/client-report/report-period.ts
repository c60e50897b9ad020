import { AcmError } from '@shared/errors';
import type { AccountZone } from '@shared/zone';

/** A run of the account's local days, both ends inclusive, with the instants they span. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** Midnight starting `from`, and the midnight ending `to`. */
  start: number;
  end: number;
  days: number;
}

/** How far back a report looks when no period is given. */
const DEFAULT_DAYS = 30;

function dayOf(zone: AccountZone, field: 'from' | 'to', text: string) {
  try {
    return zone.dayOfDate(text);
  } catch {
    throw new AcmError('INVALID_INPUT', `${field} must be a date YYYY-MM-DD, got '${text}'`, { path: field });
  }
}

function spanning(zone: AccountZone, start: number, end: number): ReportPeriod {
  let days = 0;
  for (let d = start; d < end; d = zone.addLocalDays(d, 1)) days++;
  return { from: zone.date(start), to: zone.date(zone.addLocalDays(end, -1)), start, end, days };
}

/**
 * The period a report covers: the dates given, or else the 30 complete local days before the
 * day of `now` (today is partial, and its conversions are still being attributed). A missing
 * end is filled from the other: `to` defaults to yesterday, `from` to 30 days before `to`.
 */
export function reportPeriod(zone: AccountZone, now: number, period: { from?: string; to?: string } = {}): ReportPeriod {
  const end = period.to === undefined ? zone.startOfDay(now) : dayOf(zone, 'to', period.to).endMs;
  const start = period.from === undefined ? zone.addLocalDays(end, -DEFAULT_DAYS) : dayOf(zone, 'from', period.from).startMs;
  if (start >= end)
    throw new AcmError('INVALID_INPUT', `from (${zone.date(start)}) must not be after to (${zone.date(zone.addLocalDays(end, -1))})`, { path: 'from' });
  return spanning(zone, start, end);
}

/** The same number of local days just before the period: what its KPIs are compared with. */
export function previousPeriod(zone: AccountZone, period: ReportPeriod): ReportPeriod {
  return spanning(zone, zone.addLocalDays(period.start, -period.days), period.start);
}
