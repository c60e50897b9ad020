import { DAY_MS } from '@shared/time';

/** Calendar arithmetic on local dates 'YYYY-MM-DD' (whatever the zone: a date is a date), as the Graph API's time ranges use them. */
const keyOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function addDays(date: string, n: number): string {
  return new Date(keyOf(date) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((keyOf(to) - keyOf(from)) / DAY_MS);
}
