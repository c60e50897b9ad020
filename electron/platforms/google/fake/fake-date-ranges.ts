import { DAY_MS } from '@shared/time';
import { queryError } from './fake-errors';

/** Calendar arithmetic on local dates 'YYYY-MM-DD' (a date is a date, whatever the zone). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const LAST_N = /^LAST_(7|14|30)_DAYS$/;

/** The first and last date of a DURING range as Google reads it on `today` (LAST_n_DAYS ends yesterday). */
export function duringRange(range: string, today: string): [string, string] {
  if (range === 'TODAY') return [today, today];
  if (range === 'YESTERDAY') return [addDays(today, -1), addDays(today, -1)];
  const last = LAST_N.exec(range);
  if (last) return [addDays(today, -Number(last[1])), addDays(today, -1)];
  const monthStart = `${today.slice(0, 7)}-01`;
  if (range === 'THIS_MONTH') return [monthStart, today];
  if (range === 'LAST_MONTH') {
    const lastMonthEnd = addDays(monthStart, -1);
    return [`${lastMonthEnd.slice(0, 7)}-01`, lastMonthEnd];
  }
  throw queryError(
    'INVALID_VALUE_WITH_DURING_OPERATOR',
    `The fake knows TODAY, YESTERDAY, LAST_7_DAYS, LAST_14_DAYS, LAST_30_DAYS, THIS_MONTH and LAST_MONTH, not ${range}.`,
  );
}
