import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMetric } from '@renderer/shared/describe';
import { formatDay, formatInZone, formatMoney, formatMoneyTick, formatNumber, formatPercent } from '@renderer/shared/format';

const at = (iso: string) => Date.parse(iso);
/** Intl separates a code from its amount, and a euro sign from its number, with a no-break space. */
const spaced = (text: string) => text.replace(/\u00a0/g, ' ');

describe('money as the app shows it', () => {
  it("writes each currency's minor units: cents for USD, none for JPY, three for KWD", () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'JPY', 'en-US')).toBe('¥1,235');
    expect(spaced(formatMoney(1.2345, 'KWD', 'en-US'))).toBe('KWD 1.235');
    expect(formatMoney(-0.001, 'USD', 'en-US')).toBe('$0.00');
    expect(spaced(formatMoney(1234.5, 'EUR', 'de-DE'))).toBe('1.234,50 €');
  });

  it('keeps axis ticks short without showing more digits than the currency has', () => {
    expect(formatMoneyTick(120, 'USD', 'en-US')).toBe('$120');
    expect(formatMoneyTick(0.125, 'USD', 'en-US')).toBe('$0.13');
    expect(formatMoneyTick(12000.4, 'JPY', 'en-US')).toBe('¥12,000');
  });
});

describe("times on the account's clock", () => {
  it('names the zone, EST then EDT across the March change in New York', () => {
    expect(formatInZone(at('2026-03-08T06:59:59Z'), 'America/New_York', 'full', 'en-US')).toBe('Mar 8, 2026, 01:59:59 AM EST');
    expect(formatInZone(at('2026-03-08T07:00:00Z'), 'America/New_York', 'full', 'en-US')).toBe('Mar 8, 2026, 03:00:00 AM EDT');
    expect(formatInZone(at('2026-03-08T07:00:00Z'), 'Asia/Tokyo', 'full', 'en-GB')).toBe('8 Mar 2026, 16:00:00 GMT+9');
    expect(formatInZone(at('2026-03-08T07:00:00Z'), 'Asia/Kolkata', 'full', 'en-GB')).toBe('8 Mar 2026, 12:30:00 GMT+5:30');
  });

  it('tells the repeated November hour apart', () => {
    expect(formatInZone(at('2026-11-01T05:30:00Z'), 'America/New_York', 'full', 'en-US')).toBe('Nov 1, 2026, 01:30:00 AM EDT');
    expect(formatInZone(at('2026-11-01T06:30:00Z'), 'America/New_York', 'full', 'en-US')).toBe('Nov 1, 2026, 01:30:00 AM EST');
  });

  it("labels a chart's day by the local day its midnight begins", () => {
    // New York's 8 March runs from 05:00 UTC that day to 04:00 UTC the next: 23 hours.
    expect(formatDay(at('2026-03-08T05:00:00Z'), 'America/New_York', 'en-GB')).toBe('8 Mar');
    expect(formatDay(at('2026-03-09T03:59:00Z'), 'America/New_York', 'en-GB')).toBe('8 Mar');
    expect(formatDay(at('2026-03-09T04:00:00Z'), 'America/New_York', 'en-GB')).toBe('9 Mar');
    expect(formatDay(at('2026-01-05T15:00:00Z'), 'Asia/Tokyo', 'en-GB')).toBe('6 Jan');
    expect(formatDay(at('2026-01-05T15:00:00Z'), 'UTC', 'en-GB')).toBe('5 Jan');
  });
});

describe("the system's locale", () => {
  afterEach(() => vi.unstubAllGlobals());
  const system = (language: string) => vi.stubGlobal('navigator', { language });

  it("writes amounts, counts, ratios, shares and times as the person's system does, with no locale passed", () => {
    system('de-DE');
    expect(spaced(formatMoney(1234.5, 'EUR'))).toBe('1.234,50 €');
    expect(spaced(formatMoney(1234.5, 'USD'))).toBe('1.234,50 $');
    expect(formatNumber(1_000_000)).toBe('1.000.000');
    expect(formatMetric('roas', 4.2, 'EUR')).toBe('4,20x');
    expect(spaced(formatPercent(0.42))).toBe('42 %');
    expect(formatInZone(at('2026-03-08T07:00:00Z'), 'Asia/Tokyo')).toBe('8. März, 16:00 GMT+9');

    system('en-US');
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatNumber(1_000_000)).toBe('1,000,000');
    expect(formatMetric('roas', 4.2, 'USD')).toBe('4.20x');
    expect(formatPercent(0.42)).toBe('42%');
  });
});
