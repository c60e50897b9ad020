import { AcmError } from '@shared/errors';
import { amountText, minorUnits } from '@shared/money';

const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Meta's budgets and bids are whole minor units of the account currency: "1999" is 19.99 USD
 * and 1999 JPY. The amount is built from its digits as text, so the number is the one the
 * decimal literal would give (no product or quotient to drift), and it converts back to the
 * same digits.
 */
export function fromMinorUnits(value: string | number, currency: string, where: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !WHOLE.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new AcmError('INVALID_INPUT', `${where}: expected whole minor units of ${currency} (such as "1999"), got ${JSON.stringify(value)}`);
  }
  const digits = minorUnits(currency);
  if (digits === 0) return Number(text);
  const negative = text.startsWith('-');
  const magnitude = (negative ? text.slice(1) : text).padStart(digits + 1, '0');
  const major = `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  return Number(negative ? `-${major}` : major);
}

/**
 * An amount as Meta takes it: whole minor units as text ("19.99" USD → "1999"). It is rounded to
 * the minor unit first as a person would round it (halves away from zero), so 1.005 USD is "101".
 */
export function toMinorUnits(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) throw new AcmError('INVALID_INPUT', `an amount of ${currency} must be a finite number, got ${amount}`);
  const text = amountText(amount, currency);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace('.', '').replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/** An insights amount ("12.34" spend, an action value): Meta writes these as decimal text in the account currency. */
export function fromDecimalText(value: unknown, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string' || !DECIMAL.test(value))
    throw new AcmError('INVALID_INPUT', `${where}: expected a decimal number as text, got ${JSON.stringify(value)}`);
  return Number(value);
}
