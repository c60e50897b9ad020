import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '@shared/time';
import type WebSocket from 'ws';
import { ask } from './serve-process';
import { eventually, roasKeeper, socketOf, type ServedMeta } from './meta-serve-fixture';
import { googleArgs, googleTestBed, serveGoogle } from './google-serve-fixture';

interface AlertItem {
  severity: string;
  message: string;
  state: string;
}

/** The real time the account's clock runs on, which a test can stop (a host restarted in no account time) and let go again. */
class StoppableTime implements Clock {
  private stoppedAt: number | undefined;
  private lost = 0;
  now(): number {
    return (this.stoppedAt ?? Date.now()) - this.lost;
  }
  stop(): void {
    this.stoppedAt ??= Date.now();
  }
  go(): void {
    if (this.stoppedAt !== undefined) this.lost += Date.now() - this.stoppedAt;
    this.stoppedAt = undefined;
  }
}

const time = new StoppableTime();
const bed = googleTestBed(undefined, time);
afterEach(() => time.go());

/** The host serving the bed's customer from `db`, with an agent that read the customer once Google's day of operations is spent. */
async function spentDay(db: string) {
  const served = await serveGoogle(bed, googleArgs(bed, { db }));
  const { socket } = await socketOf(served);
  bed.sockets.push(socket);
  await ask(socket, 'agents.create', { definition: roasKeeper });
  await eventually('the agent to read the customer', async () => bed.fake.requests.some((r) => r.path.endsWith('googleAds:searchStream')));
  bed.fake.faults.inject({ kind: 'daily_quota' });
  await eventually('the agent to pause', async () => (await agentStatus(socket)) === 'paused');
  expect(bed.clock.now()).toBeLessThan(QUOTA_DAY_TURNS);
  return served;
}

async function restart(served: ServedMeta, db: string) {
  await served.stop();
  bed.running = bed.running.filter((s) => s !== served);
  const again = await serveGoogle(bed, googleArgs(bed, { db }));
  const { socket } = await socketOf(again);
  bed.sockets.push(socket);
  return socket;
}

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

  it('keeps the pause across a restart of the host: nothing is sent before the day turns, and the agents resume when it does', async () => {
    const db = bed.tmp.file('acm.db');
    const served = await spentDay(db);
    time.stop();
    const sent = bed.fake.requests.length;
    const socket = await restart(served, db);
    expect(await agentStatus(socket)).toBe('paused');
    expect((await alerts(socket)).filter((a) => a.severity === 'warning')).toEqual([expect.objectContaining({ state: 'open' })]);
    expect(bed.fake.requests.length, 'requests sent by the restarted host on a spent day').toBe(sent);

    time.go();
    await eventually('the agent to resume once the quota day turned', async () => (await agentStatus(socket)) === 'active');
    expect(bed.clock.now()).toBeGreaterThanOrEqual(QUOTA_DAY_TURNS);
    expect((await alerts(socket)).filter((a) => a.severity === 'warning')).toEqual([expect.objectContaining({ state: 'resolved' })]);
    // Google refuses every request until the turn: each one the host sent after the restart was answered.
    expect(bed.fake.requests.slice(sent).every((r) => r.status === 200)).toBe(true);
  }, 120_000);

  it('resumes the agents at once when the host starts again after the day turned', async () => {
    const db = bed.tmp.file('acm.db');
    const served = await spentDay(db);
    await served.stop();
    bed.running = bed.running.filter((s) => s !== served);
    await eventually('the quota day to turn while the host is down', async () => bed.clock.now() >= QUOTA_DAY_TURNS);
    const again = await serveGoogle(bed, googleArgs(bed, { db }));
    const { socket } = await socketOf(again);
    bed.sockets.push(socket);
    await eventually('the agent to resume', async () => (await agentStatus(socket)) === 'active');
    expect((await alerts(socket)).filter((a) => a.severity === 'warning')).toEqual([expect.objectContaining({ state: 'resolved' })]);
  }, 120_000);
});
