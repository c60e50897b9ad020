import { formatMoney as moneyText } from '@shared/money';

/**
 * Money and time as the app shows them: amounts in the account currency with its minor units
 * ("$1,234.50", "¥1,235", "KWD 1.500"), instants on the account's wall clock. Every date and time
 * of a workspace is in its account's zone (Meta and Google count the account's days there), so
 * each formatter takes the zone; none adds an offset by hand. `locale` is the person's by
 * default.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  return moneyText(amount, currency, locale);
}

const ticks = new Map<string, Intl.NumberFormat>();

/** A chart axis's tick: no trailing zeros ("$120", "$0.5", "¥12,000"), never more digits than the currency has. */
export function formatMoneyTick(amount: number, currency: string, locale?: string): string {
  const key = `${currency}|${locale ?? ''}`;
  let format = ticks.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0 });
    ticks.set(key, format);
  }
  return format.format(amount);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(style: string, options: Intl.DateTimeFormatOptions, zone: string, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${zone}|${locale ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}

const FULL: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

/** "8 Mar 2026, 03:00:05 EDT": an instant on the account's clock to the second, the zone named (a signature's time). */
export const formatFullTime = (ms: number, zone: string, locale?: string): string => dateTimeFormat('full', FULL, zone, locale).format(ms);

/** "8 Mar": the account's local day an instant falls in, for chart axes of local days. */
export const formatDay = (ms: number, zone: string, locale?: string): string => dateTimeFormat('day', DAY, zone, locale).format(ms);

export const formatSpeed = (speed: number): string => (speed === 1 ? 'real time' : `${speed}× speed`);
