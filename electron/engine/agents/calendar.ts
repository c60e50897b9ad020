import type { CalendarEvent } from '@shared/scenario/schema';
import type { ForecastEvent } from '../forecast';

/** What agents may know of a scenario's calendar: names, dates and volatility, never the multipliers. */
export function forecastCalendar(events: readonly CalendarEvent[]): ForecastEvent[] {
  return events.map((e) => ({ name: e.name, from: Date.parse(`${e.from}T00:00:00Z`), to: Date.parse(`${e.to}T00:00:00Z`), volatility: e.volatility }));
}
