import type { ForecastEvent } from '../forecast';
import type { AgentMind } from './agent-mind';

/** How often an agent looks at its account: daily, and every few hours while things are volatile. */
export const REVIEW_HOURS = 24;
export const VOLATILE_REVIEW_HOURS = 6;
/** Share of the usual budget step an agent takes while things are volatile. */
export const VOLATILE_STEP_SHARE = 0.5;

/**
 * High volatility: a `high` calendar event today or tomorrow (the account's local days; known in
 * advance, as a marketer's calendar is), or forecast errors that jumped lately (the calibrator's detector).
 */
export function isVolatile(mind: AgentMind, calendar: readonly ForecastEvent[], now: number): boolean {
  if (mind.calibrator.volatile) return true;
  const today = mind.zone.startOfDay(now);
  const tomorrow = mind.zone.nextMidnight(now);
  return calendar.some((e) => e.volatility === 'high' && e.from <= tomorrow && e.to >= today);
}

export function reviewEveryHours(mind: AgentMind, calendar: readonly ForecastEvent[], now: number): number {
  return isVolatile(mind, calendar, now) ? VOLATILE_REVIEW_HOURS : REVIEW_HOURS;
}
