import { HOUR_MS } from '@shared/time';

const MINUTE_MS = 60_000;

/** A span of time as people read it in a log line or an alert: "6 h 12 min", "3 min", "40 s". */
export function describeGap(ms: number): string {
  if (ms < MINUTE_MS) return `${Math.max(0, Math.round(ms / 1000))} s`;
  const minutes = Math.round(ms / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The local hour starts after `since` up to `now`, at most the last two days of them: any review interval (a day at most) has a slot among those. */
export function hoursBetween(startOfHour: (ms: number) => number, since: number, now: number): number[] {
  const hours: number[] = [];
  for (let at = startOfHour(Math.max(since, now - 48 * HOUR_MS)) + HOUR_MS; at <= now; at += HOUR_MS) hours.push(at);
  return hours;
}
