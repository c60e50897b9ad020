import { describe, expect, it } from 'vitest';
import { fromMicros, smallestAmount, toMicros } from '@platforms/google/micros';

describe('Google micros', () => {
  it('reads int64 micros text as the exact amount its decimal literal gives', () => {
    expect(fromMicros('19990000', 'x')).toBe(19.99);
    expect(fromMicros('120010000', 'x')).toBe(120.01);
    expect(fromMicros('100000', 'x')).toBe(0.1);
    expect(fromMicros('1234567', 'x')).toBe(1.234567);
    expect(fromMicros('0', 'x')).toBe(0);
    expect(fromMicros('-2500000', 'x')).toBe(-2.5);
    expect(fromMicros(undefined, 'x')).toBe(0);
  });

  it('writes amounts as micros without float drift, rounded to the currency first', () => {
    expect(toMicros(0.1 + 0.2, 'USD')).toBe('300000');
    expect(toMicros(19.99, 'USD')).toBe('19990000');
    expect(toMicros(1.005, 'USD')).toBe('1010000');
    expect(toMicros(1234.5, 'JPY')).toBe('1235000000');
    expect(toMicros(1.2345, 'KWD')).toBe('1235000');
    expect(toMicros(0, 'USD')).toBe('0');
  });

  it('round-trips every cent of a range to the same amount', () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      const amount = Number((cents / 100).toFixed(2));
      expect(fromMicros(toMicros(amount, 'USD'), 'x')).toBe(amount);
    }
  });

  it('refuses what is not int64 text', () => {
    expect(() => fromMicros('1.5', 'budget')).toThrow(/budget: expected int64 micros/);
    expect(() => fromMicros({}, 'budget')).toThrow(/budget/);
    expect(() => toMicros(Number.NaN, 'USD')).toThrow(/finite/);
  });

  it('knows the smallest amount of a currency', () => {
    expect(smallestAmount('USD')).toBe(0.01);
    expect(smallestAmount('JPY')).toBe(1);
  });
});
