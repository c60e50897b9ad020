import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ask } from './serve-process';
import { eventually, roasKeeper, socketOf } from './meta-serve-fixture';
import { googleArgs, googleTestBed, serveGoogle } from './google-serve-fixture';

interface AlertItem {
  severity: string;
  message: string;
  state: string;
}

const bed = googleTestBed();

const agentStatus = async (socket: WebSocket) => (await ask<{ status: string }[]>(socket, 'agents.list'))[0].status;
const account = async (socket: WebSocket) =>
  (await ask<{ accounts: { platform: string; name: string; connected: boolean; reason?: string }[] }[]>(socket, 'workspaces.list'))[0].accounts[0];
const alerts = async (socket: WebSocket) =>
  (await ask<{ items: { alert: AlertItem }[] }>(socket, 'alerts.list', { includeResolved: true })).items.map((i) => i.alert);

/** Midnight Pacific time after the bed's start (20:00 PDT): Google's quota day turns then. */
const QUOTA_DAY_TURNS = Date.UTC(2026, 2, 21, 7, 0);

describe('a spent day of Google Ads operations', () => {
  it('pauses the agents with one warning until the quota day turns, then resumes them and resolves the alert', async () => {
    const served = await serveGoogle(bed, googleArgs(bed, { db: bed.tmp.file('acm.db') }));
    const { socket } = await socketOf(served);
    bed.sockets.push(socket);
    await ask(socket, 'agents.create', { definition: roasKeeper });
    await eventually('the agent to read the customer', async () => bed.fake.requests.some((r) => r.path.endsWith('googleAds:searchStream')));
    expect(bed.clock.now()).toBeLessThan(QUOTA_DAY_TURNS);

    bed.fake.faults.inject({ kind: 'daily_quota' });
    await eventually('the agent to pause', async () => (await agentStatus(socket)) === 'paused');
    const spent = await alerts(socket);
    expect(spent).toHaveLength(1);
    expect(spent[0]).toMatchObject({ severity: 'warning', state: 'open' });
    expect(spent[0].message).toMatch(
      /^Google Ads customer "Maple Outdoors" \(123-456-7890\): the day's Google Ads operations quota is spent\. Its agents were paused: ROAS keeper\./,
    );
    expect(spent[0].message).toContain('2026-03-21T07:00Z, midnight Pacific time');
    // While the day is spent, "All clients" says why the account is not acting.
    expect((await account(socket)).reason).toBe(spent[0].message);

    await eventually('the agent to resume once the quota day turned', async () => (await agentStatus(socket)) === 'active');
    expect(bed.clock.now()).toBeGreaterThanOrEqual(QUOTA_DAY_TURNS);
    const after = await alerts(socket);
    expect(after.filter((a) => a.severity !== 'info')).toEqual([expect.objectContaining({ severity: 'warning', state: 'resolved' })]);
    expect(await account(socket)).toEqual({ platform: 'google', name: 'Maple Outdoors', connected: true });
  }, 120_000);
});
