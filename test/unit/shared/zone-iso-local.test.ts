import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { AccountZone } from '@shared/zone';

/** What Temporal itself writes for the instant: the reference the cached path must match. */
function reference(zone: string, ms: number): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDateTime().toString({ smallestUnit: 'second' })}${zoned.offset}`;
}

describe('local ISO 8601 with the offset', () => {
  it('switches offset at the very millisecond of a change, in New York both ways', () => {
    const ny = AccountZone.of('America/New_York');
    expect(ny.isoLocal(Date.parse('2026-03-08T06:59:59.999Z'))).toBe('2026-03-08T01:59:59-05:00');
    expect(ny.isoLocal(Date.parse('2026-03-08T07:00:00.000Z'))).toBe('2026-03-08T03:00:00-04:00');
    expect(ny.isoLocal(Date.parse('2026-11-01T05:59:59.999Z'))).toBe('2026-11-01T01:59:59-04:00');
    expect(ny.isoLocal(Date.parse('2026-11-01T06:00:00.000Z'))).toBe('2026-11-01T01:00:00-05:00');
  });

  it('writes half-hour and 45-minute offsets, and UTC as +00:00', () => {
    expect(AccountZone.of('Asia/Kolkata').isoLocal(Date.parse('2026-01-05T18:30:00Z'))).toBe('2026-01-06T00:00:00+05:30');
    expect(AccountZone.of('Asia/Kathmandu').isoLocal(Date.parse('2026-01-05T18:15:00Z'))).toBe('2026-01-06T00:00:00+05:45');
    expect(AccountZone.UTC.isoLocal(Date.parse('2026-01-05T18:15:07.900Z'))).toBe('2026-01-05T18:15:07+00:00');
  });

  it("agrees with Temporal around every change of a zone's history, asked in any order", () => {
    for (const id of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Tokyo']) {
      const instants: number[] = [];
      let zoned = Temporal.Instant.fromEpochMilliseconds(Date.UTC(1900, 0, 1)).toZonedDateTimeISO(id);
      for (let i = 0; i < 120; i++) {
        const next = zoned.getTimeZoneTransition('next');
        if (!next) break;
        const t = next.epochMilliseconds;
        instants.push(t - 1001, t - 1, t, t + 1, t + 3_599_999);
        zoned = next;
      }
      instants.reverse();
      for (let i = 0; i < instants.length; i += 7) instants.push(instants[i] + 86_400_000 * 40);
      const zone = AccountZone.of(id);
      for (const ms of instants) expect(zone.isoLocal(ms), `${id} at ${ms}`).toBe(reference(id, ms));
    }
  });
});
