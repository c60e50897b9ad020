import { describe, expect, it } from 'vitest';
import { amountText, formatMoney, minorUnits } from '@shared/money';

describe('amounts in a file', () => {
  it("write exactly the currency's minor units, without symbol or grouping", () => {
    expect(amountText(1234.5, 'USD')).toBe('1234.50');
    expect(amountText(1234.5, 'JPY')).toBe('1235');
    expect(amountText(1.0005, 'KWD')).toBe('1.001');
    expect(amountText(-12.5, 'USD')).toBe('-12.50');
    expect(amountText(-0.001, 'USD')).toBe('0.00');
    expect(amountText(2.5e15, 'USD')).toBe('2500000000000000.00');
  });

  it('round halves away from zero on the decimal a person sees, as the app shows them', () => {
    expect(amountText(1.005, 'USD')).toBe('1.01');
    expect(amountText(-2.5, 'JPY')).toBe('-3');
    expect(amountText(2.675, 'USD')).toBe('2.68');
    const formats = [0, 1, 2, 3].map(
      (digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false, signDisplay: 'negative' }),
    );
    const intl = (v: number, digits: number) => formats[digits].format(v);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const disagreements: string[] = [];
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const digits = minorUnits(currency);
      for (let i = 0; i < 20_000; i++) {
        // Every other value is a half at the last digit shown: where a quick rounding would part from Intl's.
        const v = i % 2 === 0 ? (random() - 0.3) * 10 ** Math.floor(random() * 12 - 2) : (Math.round((random() - 0.5) * 2e5) + 0.5) / 10 ** digits;
        if (amountText(v, currency) !== intl(v, digits)) disagreements.push(`${v} ${currency}: ${amountText(v, currency)} against ${intl(v, digits)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('amounts a person reads', () => {
  it("carry the currency's symbol and minor units in the locale asked for", () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(12000.4, 'JPY', 'en-US')).toBe('¥12,000');
    expect(formatMoney(-5, 'USD', 'en-US')).toBe('-$5.00');
  });
});
