import { DAY_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { ForecastEvent, Volatility } from './types';

/** Monday = 0 … Sunday = 6 of a day key (AccountZone.dayKey), matching FORMAT.md's `weekly` order (1970-01-01 was a Thursday). */
export function weekdayOf(dayKey: number): number {
  return (((Math.floor(dayKey / DAY_MS) + 3) % 7) + 7) % 7;
}

/** Monday = 0 … Sunday = 6 of the local day that starts at `dayStart`. */
export function localWeekday(zone: AccountZone, dayStart: number): number {
  return weekdayOf(zone.dayKey(dayStart));
}

export function assertDayStart(day: number, where: string, zone: AccountZone): void {
  if (!Number.isFinite(day) || zone.startOfDay(day) !== day)
    throw new RangeError(`${where} must be the epoch ms of a day start (a midnight in ${zone.id}), got ${day}`);
}

export function validateCalendar(calendar: readonly ForecastEvent[], zone: AccountZone): void {
  calendar.forEach((event, i) => {
    if (!event.name) throw new RangeError(`calendar[${i}].name must be a non-empty string`);
    assertDayStart(event.from, `calendar[${i}].from`, zone);
    assertDayStart(event.to, `calendar[${i}].to`, zone);
    if (event.to < event.from) throw new RangeError(`calendar[${i}] (${event.name}): to must be on or after from`);
    if (event.volatility !== 'normal' && event.volatility !== 'high')
      throw new RangeError(`calendar[${i}].volatility must be "normal" or "high", got ${String(event.volatility)}`);
  });
}

/** The event covering `day` (all in the same terms: day keys, or day starts); when events overlap, the most volatile one. */
export function eventOn(calendar: readonly ForecastEvent[], day: number): ForecastEvent | null {
  let found: ForecastEvent | null = null;
  for (const event of calendar) {
    if (day >= event.from && day <= event.to && (!found || (found.volatility === 'normal' && event.volatility === 'high'))) found = event;
  }
  return found;
}

const RANK: Record<Volatility, number> = { none: 0, normal: 1, high: 2 };

export function maxVolatility(a: Volatility, b: Volatility): Volatility {
  return RANK[a] >= RANK[b] ? a : b;
}
