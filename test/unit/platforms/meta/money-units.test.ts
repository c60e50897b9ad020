import { describe, expect, it } from 'vitest';
import { fromDecimalText, fromMinorUnits, toMinorUnits } from '@platforms/meta/money-units';

describe('Meta money: strings of minor units', () => {
  it('reads "1999" as 19.99 USD, 1999 JPY and 1.999 KWD', () => {
    expect(fromMinorUnits('1999', 'USD', 'test')).toBe(19.99);
    expect(fromMinorUnits('1999', 'JPY', 'test')).toBe(1999);
    expect(fromMinorUnits('1999', 'KWD', 'test')).toBe(1.999);
    expect(fromMinorUnits('5', 'USD', 'test')).toBe(0.05);
    expect(fromMinorUnits(250000, 'USD', 'test')).toBe(2500);
  });

  it('writes amounts back as the same digits: 19.99 USD → "1999", 1999 JPY → "1999"', () => {
    expect(toMinorUnits(19.99, 'USD')).toBe('1999');
    expect(toMinorUnits(1999, 'JPY')).toBe('1999');
    expect(toMinorUnits(0.05, 'USD')).toBe('5');
    expect(toMinorUnits(0, 'USD')).toBe('0');
  });

  it('has no float drift: every cent amount up to $1,000 survives the round trip, and sums of floats round to the cent', () => {
    for (let cents = 0; cents <= 100_000; cents++) {
      const text = String(cents);
      const amount = fromMinorUnits(text, 'USD', 'test');
      if (amount !== Number((cents / 100).toFixed(2))) throw new Error(`${text} read as ${amount}`);
      if (toMinorUnits(amount, 'USD') !== text) throw new Error(`${text} came back as ${toMinorUnits(amount, 'USD')}`);
    }
    expect(toMinorUnits(0.1 + 0.2, 'USD')).toBe('30');
    expect(toMinorUnits(1.005, 'USD')).toBe('101');
    expect(toMinorUnits(19.989999999, 'USD')).toBe('1999');
  });

  it('refuses what is not whole minor units, naming where it came from', () => {
    expect(() => fromMinorUnits('19.99', 'USD', 'campaign 1 daily_budget')).toThrow(/campaign 1 daily_budget.*"19.99"/);
    expect(() => fromMinorUnits('', 'USD', 'x')).toThrow();
    expect(() => fromMinorUnits('99999999999999999999', 'USD', 'x')).toThrow();
    expect(() => toMinorUnits(Number.NaN, 'USD')).toThrow(/finite/);
  });

  it('reads insights amounts, which are decimal text', () => {
    expect(fromDecimalText('12.34', 'spend')).toBe(12.34);
    expect(fromDecimalText(undefined, 'spend')).toBe(0);
    expect(() => fromDecimalText('12,34', 'spend')).toThrow(/spend/);
  });
});
