import type { Scenario } from '@shared/scenario/schema';
import { DAY_MS } from '@shared/time';

/** The day-level truth every campaign shares: weekday demand and calendar events, known per day index. */
export interface DayCalendar {
  /** weekly[dow] × the product of the demand of the events on that day. */
  demand: Float64Array;
  /** The product of the CPC multipliers of the events on that day. */
  cpc: Float64Array;
}

/** The date 'YYYY-MM-DD' of a day key (AccountZone.dayKey). */
function dateOfKey(key: number): string {
  return new Date(key).toISOString().slice(0, 10);
}

/** Monday is 0, as in the scenario's `weekly` (day key 0, 1970-01-01, was a Thursday). */
function weekdayIndex(key: number): number {
  return (((Math.floor(key / DAY_MS) + 3) % 7) + 7) % 7;
}

/** The account's local days from the day key `firstKey` on: weekdays and calendar events go by local dates. */
export function buildCalendar(scenario: Scenario, firstKey: number, days: number): DayCalendar {
  const demand = new Float64Array(days);
  const cpc = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const key = firstKey + d * DAY_MS;
    const date = dateOfKey(key);
    let dayDemand = scenario.weekly[weekdayIndex(key)];
    let dayCpc = 1;
    for (const event of scenario.calendar) {
      if (date < event.from || date > event.to) continue;
      dayDemand *= event.demand;
      dayCpc *= event.cpc;
    }
    demand[d] = dayDemand;
    cpc[d] = dayCpc;
  }
  return { demand, cpc };
}
