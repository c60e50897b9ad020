import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@shared/time';
import { AccountZone } from '@shared/zone';

const ny = AccountZone.of('America/New_York');
const kolkata = AccountZone.of('Asia/Kolkata');
const iso = (ms: number) => new Date(ms).toISOString();

describe('account zone: day keys, whole local days and local hours', () => {
  it('keys a local day by its date, so that calendar days stay DAY_MS apart across daylight saving', () => {
    const saturday = ny.dayKey(Date.UTC(2026, 2, 7, 12));
    expect(saturday).toBe(Date.UTC(2026, 2, 7));
    expect(ny.dayKey(Date.UTC(2026, 2, 9, 3, 59))).toBe(saturday + DAY_MS);
    expect(ny.dayKey(Date.UTC(2026, 2, 9, 4))).toBe(saturday + 2 * DAY_MS);
    expect(ny.dayOfKey(saturday + DAY_MS)).toEqual({ date: '2026-03-08', startMs: Date.UTC(2026, 2, 8, 5), endMs: Date.UTC(2026, 2, 9, 4) });
    expect(kolkata.dayKey(Date.UTC(2026, 0, 4, 18, 30))).toBe(Date.UTC(2026, 0, 5));
    expect(AccountZone.UTC.dayKey(Date.UTC(2026, 0, 5, 23, 59))).toBe(Date.UTC(2026, 0, 5));
  });

  it('moves by whole local days: midnight stays midnight across the March and November changes', () => {
    expect(iso(ny.addLocalDays(Date.UTC(2026, 2, 7, 5), 2))).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(ny.addLocalDays(Date.UTC(2026, 2, 9, 4), -7))).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(ny.addLocalDays(Date.UTC(2026, 9, 31, 4), 2))).toBe('2026-11-02T05:00:00.000Z');
    expect(AccountZone.UTC.addLocalDays(Date.UTC(2026, 0, 5, 6), -3)).toBe(Date.UTC(2026, 0, 2, 6));
  });

  it('knows the offset and where each local hour begins: on the hour in New York, at :30 in Kolkata', () => {
    expect(kolkata.offsetMs(Date.UTC(2026, 0, 5))).toBe(5.5 * 3_600_000);
    expect(ny.offsetMs(Date.UTC(2026, 2, 8, 6, 59))).toBe(-5 * 3_600_000);
    expect(ny.offsetMs(Date.UTC(2026, 2, 8, 7))).toBe(-4 * 3_600_000);
    expect(iso(kolkata.startOfHour(Date.UTC(2026, 0, 5, 18, 29)))).toBe('2026-01-05T17:30:00.000Z');
    expect(iso(kolkata.startOfHour(Date.UTC(2026, 0, 5, 18, 30)))).toBe('2026-01-05T18:30:00.000Z');
    expect(iso(ny.startOfHour(Date.UTC(2026, 10, 1, 6, 45)))).toBe('2026-11-01T06:00:00.000Z');
  });

  it('gives the local weekday, Monday 1', () => {
    expect(ny.weekday(Date.UTC(2026, 2, 9, 3))).toBe(7);
    expect(ny.weekday(Date.UTC(2026, 2, 9, 4))).toBe(1);
    expect(kolkata.weekday(Date.UTC(2026, 0, 4, 18, 30))).toBe(1);
  });
});
