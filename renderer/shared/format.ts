export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

const simulatedTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Simulated time is always shown in UTC, the time zone scenarios and the platforms report in. */
export const formatSimulatedTime = (ms: number): string => `${simulatedTime.format(ms)} UTC`;

export const formatSpeed = (speed: number): string => (speed === 1 ? 'real time' : `${speed}× speed`);

const shortTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const formatShortTime = (ms: number): string => shortTime.format(ms);
export const formatDay = (ms: number): string => shortDay.format(ms);
