import { describe, expect, it } from 'vitest';
import { ask } from './serve-process';
import { serveMeta, socketOf } from './meta-serve-fixture';
import { googleArgs, googleEnv, googleTestBed, serveGoogle } from './google-serve-fixture';

const MANAGER = { id: '9876543210', name: 'Northwind Agency' };

const bed = googleTestBed(MANAGER);

describe('acm serve --platform google through a manager account', () => {
  it('sends the manager as login-customer-id with every request, and is refused by Google without it', async () => {
    const without = await serveMeta({ world: bed, args: googleArgs(bed, { db: bed.tmp.file('without.db') }), env: googleEnv(bed) });
    expect('url' in without).toBe(false);
    expect(without.lines.join('\n')).toMatch(/Google Ads refused googleAds:searchStream/);

    const served = await serveGoogle(bed, googleArgs(bed, { db: bed.tmp.file('acm.db'), 'login-customer-id': '987-654-3210' }));
    const { socket } = await socketOf(served);
    bed.sockets.push(socket);
    const [home] = await ask<{ accounts: { platform: string; connected: boolean }[] }[]>(socket, 'workspaces.list');
    expect(home.accounts).toEqual([expect.objectContaining({ platform: 'google', connected: true })]);
    const accepted = bed.fake.requests.filter((r) => r.status === 200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((r) => r.loginCustomerId === MANAGER.id)).toBe(true);
    expect(served.lines.join('\n')).toContain('through manager 987-654-3210');
  }, 60_000);
});
