const minorUnitsCache = new Map<string, number>();

/** Whether a string is an ISO 4217 currency code this runtime knows (USD, EUR, JPY, INR…). */
export function isCurrency(code: string): boolean {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  return (Intl.supportedValuesOf('currency') as string[]).includes(code);
}

/** Digits after the decimal point in a currency's amounts: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnits(currency: string): number {
  let digits = minorUnitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnitsCache.set(currency, digits);
  }
  return digits;
}

/** The metrics whose values are amounts of the account's currency (ROAS is a ratio, conversions a count). */
export const MONEY_METRICS: ReadonlySet<string> = new Set(['spend', 'revenue', 'cpa', 'profit']);

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (found === undefined) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/**
 * An amount as a file or a spreadsheet holds it: digits, a point and exactly the currency's minor
 * units, no symbol and no grouping ("1234.50" USD, "1235" JPY, "1.500" KWD), rounded as Intl
 * rounds what a person sees (1.005 is 1.01, halves away from zero), never "-0.00".
 * Exports write millions of these: toFixed is four times quicker than Intl and agrees with it
 * except next to a half, so only those go through Intl.
 */
export function amountText(amount: number, currency: string): string {
  const digits = minorUnits(currency);
  const magnitude = Math.abs(amount);
  if (magnitude < 1e15) {
    const scaled = magnitude * 10 ** digits;
    const fraction = scaled - Math.floor(scaled);
    if (Math.abs(fraction - 0.5) > scaled * 1e-12 + 1e-9) {
      const text = amount.toFixed(digits);
      return amount < 0 && Number(text) === 0 ? text.slice(1) : text;
    }
  }
  return formatter(
    `plain:${digits}`,
    () => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false, signDisplay: 'negative' }),
  ).format(amount);
}

/**
 * An amount as a person reads it, with the currency's symbol and minor units: "$1,234.50",
 * "¥1,235", "KWD 1.500". `locale` is the runtime's by default; files and the command line
 * pass a fixed one, so that the same record reads the same on every machine.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  return formatter(`${locale ?? ''}:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, signDisplay: 'negative' })).format(amount);
}
