import { describe, expect, it } from 'vitest';
import { inQuietHours } from '@shared/notify/quiet-hours';
import { AccountZone } from '@shared/zone';

const kolkata = AccountZone.of('Asia/Kolkata');
const newYork = AccountZone.of('America/New_York');

describe('inQuietHours', () => {
  it('reads the local wall clock, spanning midnight when the start is after the end', () => {
    const night = { start: '22:00', end: '07:00' };
    expect(inQuietHours(Date.UTC(2026, 0, 5, 16, 29), kolkata, night)).toBe(false); // 21:59
    expect(inQuietHours(Date.UTC(2026, 0, 5, 16, 30), kolkata, night)).toBe(true); // 22:00
    expect(inQuietHours(Date.UTC(2026, 0, 6, 1, 29), kolkata, night)).toBe(true); // 06:59
    expect(inQuietHours(Date.UTC(2026, 0, 6, 1, 30), kolkata, night)).toBe(false); // 07:00
    expect(inQuietHours(Date.UTC(2026, 0, 5, 13, 0), kolkata, { start: '18:00', end: '19:00' })).toBe(true); // 18:30
    expect(inQuietHours(Date.UTC(2026, 0, 5, 13, 0), kolkata, { start: '09:00', end: '09:00' })).toBe(false);
    expect(inQuietHours(Date.UTC(2026, 0, 5, 13, 0), kolkata, null)).toBe(false);
  });

  it('keeps 07:00 at 07:00 across a daylight-saving change', () => {
    const night = { start: '22:00', end: '07:00' };
    expect(inQuietHours(Date.UTC(2026, 2, 7, 11, 59), newYork, night)).toBe(true); // 06:59 EST
    expect(inQuietHours(Date.UTC(2026, 2, 8, 10, 59), newYork, night)).toBe(true); // 06:59 EDT
    expect(inQuietHours(Date.UTC(2026, 2, 8, 11, 0), newYork, night)).toBe(false); // 07:00 EDT
  });
});
