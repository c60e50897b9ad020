import type { CalendarEvent } from '@shared/scenario/schema';
import type { AccountZone } from '@shared/zone';
import type { ForecastEvent } from '../forecast';

/** What agents may know of a scenario's calendar: names, dates (the account's local days) and volatility, never the multipliers. */
export function forecastCalendar(events: readonly CalendarEvent[], zone: AccountZone): ForecastEvent[] {
  return events.map((e) => ({ name: e.name, from: zone.dayOfDate(e.from).startMs, to: zone.dayOfDate(e.to).startMs, volatility: e.volatility }));
}
