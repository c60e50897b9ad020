import { formatMoney as moneyText } from '@shared/money';
import { displayLocale } from './locale';

/**
 * Money and time as the app shows them: amounts in the account currency with its minor units
 * ("$1,234.50", "¥1,235", "KWD 1.500"), instants on the account's wall clock. Every date and time
 * of a workspace is in its account's zone (Meta and Google count the account's days there), so
 * each formatter takes the zone; none adds an offset by hand. `locale` is the system's by
 * default (see ./locale).
 */
export function formatMoney(amount: number, currency: string, locale = displayLocale()): string {
  return moneyText(amount, currency, locale);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A chart axis's tick: no trailing zeros ("$120", "$0.5", "¥12,000"), never more digits than the currency has. */
export const formatMoneyTick = (amount: number, currency: string, locale = displayLocale()): string =>
  numberFormat({ style: 'currency', currency, minimumFractionDigits: 0 }, locale).format(amount);

/** A count or a ratio in the system's digits and separators: "1,000,000", "4.20" (en-US); "1.000.000", "4,20" (de-DE). */
export const formatNumber = (value: number, digits: { min?: number; max: number } = { max: 0 }, locale = displayLocale()): string =>
  numberFormat({ minimumFractionDigits: digits.min ?? 0, maximumFractionDigits: digits.max }, locale).format(value);

/** "42%" (en-US), "42 %" (de-DE): a share of one, to the whole percent unless more digits are asked for ("12.5%"). */
export const formatPercent = (share: number, digits = 0, locale = displayLocale()): string =>
  numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }, locale).format(share);

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

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

/** "8 Mar": the account's local day an instant falls in, for chart axes of local days. */
export const formatDay = (ms: number, zone: string, locale = displayLocale()): string => dateTimeFormat('day', DAY, zone, locale).format(ms);

const ZONED = {
  short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  long: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  full: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ZonedStyle = keyof typeof ZONED;

/**
 * "12 Mar, 09:00 GMT+9": an instant on the wall clock of a zone, the zone named. `long` adds the
 * weekday and year; `full` the year and seconds ("8 Mar 2026, 03:00:05 EDT", a signature's time).
 */
export const formatInZone = (ms: number, zone: string, style: ZonedStyle = 'short', locale = displayLocale()): string =>
  dateTimeFormat(style, ZONED[style], zone, locale).format(ms);

export const formatSpeed = (speed: number): string => (speed === 1 ? 'real time' : `${speed}× speed`);
