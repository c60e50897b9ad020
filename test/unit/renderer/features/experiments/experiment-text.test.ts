import { describe, expect, it } from 'vitest';
import { balanceText, liftText, localDateText, powerText, roasText, sentence, signedPercent } from '@renderer/features/experiments/experiment-text';

describe('how an experiment reads', () => {
  it('writes lifts with their sign and interval, a true minus for a fall', () => {
    expect(signedPercent(0.172, 'en-US')).toBe('+17%');
    expect(signedPercent(-0.06, 'en-US')).toBe('−6%');
    expect(signedPercent(0.001, 'en-US')).toBe('0%');
    expect(liftText({ estimate: 0.17, low: 0.06, high: 0.29 }, 'en-US')).toBe('+17% (+6% to +29%)');
    // German puts a no-break space before the percent sign.
    expect(liftText({ estimate: 0.02, low: -0.1, high: 0.14 }, 'de-DE').replace(/\u00a0/g, ' ')).toBe('+2 % (−10 % to +14 %)');
  });

  it('shows the account’s local dates as they are, whatever the machine’s zone', () => {
    expect(localDateText('2026-03-08', 'en-US')).toBe('Mar 8, 2026');
    expect(localDateText('2026-12-31', 'en-GB')).toBe('31 Dec 2026');
  });

  it('says how long the test probably needs, or that it cannot say', () => {
    expect(powerText({ lift: 0.15, daysNeeded: 42, note: '' }, 'en-US')).toBe('Probably needs about 42 days to detect a +15% lift.');
    expect(powerText({ lift: 0.15, daysNeeded: null, note: '' }, 'en-US')).toMatch(/^Cannot yet say/);
  });

  it('calls groups balanced below a standardised difference of 0.25', () => {
    expect(balanceText(0.12, 'en-US')).toBe('0.12 (balanced)');
    expect(balanceText(-0.31, 'en-US')).toBe('-0.31 (not balanced)');
    expect(roasText(null)).toBe('–');
    expect(roasText(4.2, 'en-US')).toBe('4.20x');
  });

  it('starts the verdict as a sentence', () => {
    expect(sentence('not enough data yet: no pre-period day')).toBe('Not enough data yet: no pre-period day');
    expect(sentence('')).toBe('');
  });
});
