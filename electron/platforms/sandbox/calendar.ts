import type { Scenario } from '@shared/scenario/schema';
import { DAY_MS } from '@shared/time';

/** The day-level truth every campaign shares: weekday demand and calendar events, known per day index. */
export interface DayCalendar {
  /** weekly[dow] × the product of the demand of the events on that day. */
  demand: Float64Array;
  /** The product of the CPC multipliers of the events on that day. */
  cpc: Float64Array;
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function startOfDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Monday is 0, as in the scenario's `weekly`. */
export function weekdayIndex(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

export function buildCalendar(scenario: Scenario, startMs: number, days: number): DayCalendar {
  const demand = new Float64Array(days);
  const cpc = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const ms = startMs + d * DAY_MS;
    const date = utcDate(ms);
    let dayDemand = scenario.weekly[weekdayIndex(ms)];
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
