import type { AccountZone } from '@shared/zone';

/**
 * An instant as a report prints it: the local date and minute with the zone's offset, e.g.
 * "2026-11-01 01:30-04:00", so that the hour a fall-back day repeats reads twice, distinctly.
 */
export function localStamp(zone: AccountZone, ms: number): string {
  const iso = zone.isoLocal(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${iso.slice(19)}`;
}
