import { AcmError } from '@shared/errors';
import { amountText, minorUnits } from '@shared/money';

const MICROS_DIGITS = 6;
const WHOLE = /^-?\d+$/;

/**
 * Google's money is int64 micros of the account currency as JSON text ("19990000" is 19.99 USD).
 * The amount is built from the digits as text, so it is exactly the number its decimal literal
 * gives: no division to drift, and it converts back to the same micros.
 */
export function fromMicros(value: unknown, where: string): number {
  if (value === undefined || value === null) return 0;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !WHOLE.test(text)) {
    throw new AcmError('INVALID_INPUT', `${where}: expected int64 micros as text (such as "19990000"), got ${JSON.stringify(value)}`);
  }
  const negative = text.startsWith('-');
  const magnitude = (negative ? text.slice(1) : text).padStart(MICROS_DIGITS + 1, '0');
  const fraction = magnitude.slice(-MICROS_DIGITS).replace(/0+$/, '');
  const whole = magnitude.slice(0, -MICROS_DIGITS).replace(/^0+(?=\d)/, '');
  const amount = Number(`${whole}${fraction ? `.${fraction}` : ''}`);
  return negative && amount !== 0 ? -amount : amount;
}

/**
 * An amount as Google takes it: rounded to the currency's minor unit first (as a person rounds,
 * halves away from zero; Google refuses budgets finer than that), then written as micros text.
 */
export function toMicros(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) throw new AcmError('INVALID_INPUT', `an amount of ${currency} must be a finite number, got ${amount}`);
  const text = amountText(amount, currency);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = `${whole}${fraction.padEnd(MICROS_DIGITS, '0')}`.replace(/^0+(?=\d)/, '');
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** The smallest amount of a currency (0.01 USD, 1 JPY): what a budget can be at the least. */
export function smallestAmount(currency: string): number {
  return fromMicros(toMicros(10 ** -minorUnits(currency), currency), `the minor unit of ${currency}`);
}
