import type { QuietHours } from '../domain/notify';
import type { AccountZone } from '../zone';

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether 'HH:MM' is a time of day (00:00 to 23:59). */
export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text);
}

const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/**
 * Whether an instant falls in a channel's quiet hours, read on the wall clock of the workspace's
 * zone (so 22:00–07:00 stays 22:00–07:00 across a daylight-saving change). A start after the end
 * spans midnight; a start equal to the end is no quiet time at all.
 */
export function inQuietHours(ms: number, zone: AccountZone, quiet: QuietHours | null): boolean {
  if (quiet === null) return false;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const now = minutes(zone.isoLocal(ms).slice(11, 16));
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
