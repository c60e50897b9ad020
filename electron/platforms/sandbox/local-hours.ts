import { AcmError } from '@shared/errors';
import { DAY_MS, HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';

/**
 * The account's local days laid out in the world's hours, worked out once so that the hourly
 * loop only indexes arrays. Hour t of the world is the hour starting `startMs + t` hours; a day
 * across a daylight-saving change has 23 or 25 of them.
 */
export interface LocalHours {
  /** Day key (AccountZone.dayKey) of the first day. */
  firstKey: number;
  /** Hour at which each day begins; entry `days` is the total number of hours. */
  dayStart: Int32Array;
  /** The day each hour belongs to. */
  dayOf: Int32Array;
  /**
   * Each hour's share of its day's demand and budget: `hourly` of its wall-clock hour (the
   * repeated hour of an autumn day counted twice, the skipped one of a spring day not at all),
   * normalised over the hours the day has, so that a day spends its budget whatever its length.
   */
  share: Float64Array;
}

/** A day of the account: where it starts in the world's hours, and the wall-clock hour of each of its hours (null: 0 to 23). */
interface DayLayout {
  hours: number;
  wall: number[] | null;
}

/**
 * The days in hours. A day with no offset change near it is 24 hours of wall-clock hours 0 to 23;
 * only the few days around a change are asked of the zone's rules, which keeps a two-year
 * account quick to lay out.
 */
function layoutDays(zone: AccountZone, startMs: number, firstKey: number, days: number): DayLayout[] {
  const changes = zone.transitions(startMs, startMs + (days + 1) * 25 * HOUR_MS);
  const layout: DayLayout[] = [];
  let next = 0;
  let at = startMs;
  for (let d = 0; d < days; d++) {
    while (next < changes.length && changes[next] < at) next++;
    if (next >= changes.length || changes[next] > at + 25 * HOUR_MS) {
      layout.push({ hours: 24, wall: null });
      at += DAY_MS;
      continue;
    }
    const day = zone.dayOfKey(firstKey + d * DAY_MS);
    const hours = (day.endMs - day.startMs) / HOUR_MS;
    if (!Number.isInteger(hours))
      throw new AcmError('INVALID_INPUT', `${zone.id}: the day ${day.date} is not a whole number of hours long; the simulator needs whole hours`);
    layout.push({ hours, wall: Array.from({ length: hours }, (_, h) => zone.hour(day.startMs + h * HOUR_MS)) });
    at = day.endMs;
  }
  return layout;
}

export function localHours(zone: AccountZone, startMs: number, days: number, hourly: readonly number[]): LocalHours {
  if (zone.startOfDay(startMs) !== startMs) {
    throw new AcmError('INVALID_INPUT', `hour zero of the account must be a local midnight in ${zone.id}, got ${zone.isoLocal(startMs)}`);
  }
  const firstKey = zone.dayKey(startMs);
  const layout = layoutDays(zone, startMs, firstKey, days);
  const dayStart = new Int32Array(days + 1);
  layout.forEach((day, d) => (dayStart[d + 1] = dayStart[d] + day.hours));
  const total = dayStart[days];
  const dayOf = new Int32Array(total);
  const share = new Float64Array(total);
  layout.forEach(({ hours, wall }, d) => {
    const first = dayStart[d];
    dayOf.fill(d, first, first + hours);
    if (!wall) {
      // An ordinary day: hour h is wall-clock hour h, and the shares already sum to 1.
      for (let h = 0; h < 24; h++) share[first + h] = hourly[h];
      return;
    }
    const sum = wall.reduce((s, w) => s + hourly[w], 0);
    wall.forEach((w, h) => (share[first + h] = sum > 0 ? hourly[w] / sum : 1 / hours));
  });
  return { firstKey, dayStart, dayOf, share };
}

/** How many hours a scenario's first `days` local days last, from its start date. */
export function scenarioHours(zone: AccountZone, start: string, days: number, hourly: readonly number[]): number {
  return localHours(zone, zone.dayOfDate(start).startMs, days, hourly).dayStart[days];
}
