import { describe, expect, it } from 'vitest';
import { IpcCallError } from '@renderer/ipc/client';
import {
  checkDraft,
  COMMON_CURRENCIES,
  currencyChoices,
  hasProblems,
  matchTimeZone,
  normalizeDraft,
  problemsOf,
  timeZoneChoices,
} from '@renderer/features/workspaces/new-workspace-form';

const JUNE = Date.UTC(2026, 5, 1);
const zones = timeZoneChoices(JUNE, 'en-US');

describe('the New workspace form', () => {
  it('offers the common currencies by name, and every zone of the runtime with its offset', () => {
    const currencies = currencyChoices('en-US');
    expect(currencies.map((c) => c.value)).toEqual([...COMMON_CURRENCIES]);
    expect(currencies.find((c) => c.value === 'JPY')?.label).toBe('Japanese Yen');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones[0]).toMatchObject({ value: 'UTC', label: expect.stringMatching(/^UTC \(GMT/) });
    expect(zones.find((z) => z.value === 'Asia/Tokyo')?.label).toBe('Asia/Tokyo (GMT+9)');
    expect(zones.find((z) => z.value === 'America/New_York')?.label).toBe('America/New York (GMT-4)');
  });

  it('finds a zone typed in any case, with spaces, or picked by its label', () => {
    expect(matchTimeZone('asia/tokyo', zones)).toBe('Asia/Tokyo');
    expect(matchTimeZone('America/New York', zones)).toBe('America/New_York');
    expect(matchTimeZone('America/New York (GMT-4)', zones)).toBe('America/New_York');
    expect(matchTimeZone('Tokyo', zones)).toBeUndefined();
    expect(matchTimeZone('  ', zones)).toBeUndefined();
  });

  it('sends the name trimmed, the currency in capitals and the zone by its id', () => {
    expect(normalizeDraft({ name: '  Tokyo client ', currency: ' jpy', timezone: 'asia/tokyo' }, zones)).toEqual({
      name: 'Tokyo client',
      currency: 'JPY',
      timezone: 'Asia/Tokyo',
    });
  });

  it('names each problem at its field before asking the host', () => {
    const ok = checkDraft({ name: 'Tokyo client', currency: 'JPY', timezone: 'Asia/Tokyo' }, zones);
    expect(hasProblems(ok)).toBe(false);
    const bad = checkDraft({ name: '', currency: 'YEN', timezone: 'Mars/Olympus' }, zones);
    expect(Object.keys(bad.fields).sort()).toEqual(['currency', 'name', 'timezone']);
    expect(bad.fields.currency).toContain("'YEN' is not an ISO 4217 currency code");
    expect(bad.fields.timezone).toContain("'Mars/Olympus' is not a time zone");
    // Any real ISO code may be typed, not only the common ones.
    expect(checkDraft({ name: 'Oslo', currency: 'NOK', timezone: 'Europe/Oslo' }, zones).fields).toEqual({});
  });

  it('puts the host’s refusal beside the field its path names, or above the form', () => {
    const taken = new IpcCallError('workspaces.create', { code: 'CONFLICT', message: "a workspace named 'Tokyo client' already exists", path: 'name' });
    expect(problemsOf(taken)).toEqual({ fields: { name: "a workspace named 'Tokyo client' already exists" } });
    const zone = new IpcCallError('workspaces.create', {
      code: 'INVALID_INPUT',
      message: 'Invalid request at timezone: must be an IANA time zone',
      path: 'timezone',
    });
    expect(problemsOf(zone).fields.timezone).toContain('must be an IANA time zone');
    const disk = new IpcCallError('workspaces.create', { code: 'INTERNAL', message: 'disk full' });
    expect(problemsOf(disk)).toEqual({ fields: {}, form: 'disk full' });
    expect(problemsOf(new Error('lost'))).toEqual({ fields: {}, form: 'lost' });
  });
});
