import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { FAKE_GOOGLE_CLIENT_SECRET } from '@platforms/google/fake/fake-oauth';
import { ask, readDb } from './serve-process';
import { eventually, roasKeeper, socketOf } from './meta-serve-fixture';
import { CUSTOMER_ID, DEVELOPER_TOKEN, googleArgs, googleTestBed, serveGoogle } from './google-serve-fixture';

interface Summary {
  currency: string;
  timezone: string;
  accounts: { platform: string; name: string; connected: boolean; reason?: string }[];
  agents: { active: number; paused: number };
  openAlerts: { critical: number };
}
interface AlertItem {
  severity: string;
  message: string;
}

const bed = googleTestBed();

const summary = async (socket: WebSocket) => (await ask<Summary[]>(socket, 'workspaces.list'))[0];
const criticalAlerts = async (socket: WebSocket) =>
  (await ask<{ items: { alert: AlertItem }[] }>(socket, 'alerts.list', {})).items.map((i) => i.alert).filter((a) => a.severity === 'critical');
const executed = async (socket: WebSocket) => (await ask<{ count: number }>(socket, 'decisions.count', { filter: { states: ['executed'] } })).count;

/** Every Google access token the fake issues starts so, as Google's do. */
const ACCESS_TOKEN = /ya29\.[A-Za-z0-9_-]{8,}/;

describe('acm serve --platform google', () => {
  it('serves the customer in its currency and zone, its agents deciding through Google Ads, and no secret reaches the record, the log or an export', async () => {
    const db = bed.tmp.file('acm.db');
    const logFile = bed.tmp.file('acm.log');
    const served = await serveGoogle(bed, googleArgs(bed, { db, log: logFile }));
    const { socket, received } = await socketOf(served);
    bed.sockets.push(socket);

    const home = await summary(socket);
    expect(home).toMatchObject({ currency: 'CAD', timezone: 'America/Chicago' });
    expect(home.accounts).toEqual([expect.objectContaining({ platform: 'google', name: 'Maple Outdoors', connected: true })]);
    expect(readDb(db, (d) => d.prepare('SELECT platform, external_id AS id, currency, timezone FROM accounts').all())).toEqual([
      { platform: 'google', id: CUSTOMER_ID, currency: 'CAD', timezone: 'America/Chicago' },
    ]);

    await ask(socket, 'agents.create', { definition: roasKeeper });
    await eventually('a budget change executed through Google Ads', async () => (await executed(socket)) > 0);
    const mutates = bed.fake.requests.filter((r) => r.path.endsWith('campaignBudgets:mutate') && r.status === 200);
    expect(mutates.some((r) => r.body.validateOnly === true)).toBe(true);
    expect(mutates.some((r) => r.body.responseContentType === 'MUTABLE_RESOURCE')).toBe(true);
    expect(bed.fake.requests.every((r) => r.developerToken === DEVELOPER_TOKEN)).toBe(true);

    const fetchExport = async (format: 'csv' | 'pdf') => {
      const { download } = await ask<{ download: string }>(socket, 'decisions.export', { format });
      return Buffer.from(await (await fetch(new URL(download, served.url))).arrayBuffer());
    };
    const csv = await fetchExport('csv');
    const pdf = await fetchExport('pdf');
    const digest = await ask<{ text: string }>(socket, 'audit.dailyDigest', {});
    await ask(socket, 'campaigns.list', {});
    expect(csv.toString('utf8')).toContain('budget');

    await served.stop();
    bed.running = [];
    const secrets = [bed.refreshToken, FAKE_GOOGLE_CLIENT_SECRET, DEVELOPER_TOKEN];
    const files = ['', '-wal', '-shm']
      .filter((suffix) => existsSync(`${db}${suffix}`))
      .map((suffix) => [`acm.db${suffix}`, readFileSync(`${db}${suffix}`)] as const);
    for (const [what, bytes] of [
      ['the CSV export', csv],
      ['the PDF export', pdf],
      ['the digest', Buffer.from(digest.text)],
      ['the IPC messages', Buffer.from(received.join('\n'))],
      ['the log file', readFileSync(logFile)],
      ['what the host printed', Buffer.from(served.lines.join('\n'))],
      ...files,
    ] as const) {
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${what} holds a secret`).toBe(false);
      expect(ACCESS_TOKEN.test(bytes.toString('latin1')), `${what} holds an access token`).toBe(false);
    }
    expect(readFileSync(logFile, 'utf8')).toContain('with the refresh token from ACM_GOOGLE_REFRESH_TOKEN');
  }, 120_000);

  it('pauses the agents with one critical alert when the refresh token is revoked mid-run, and sends nothing more', async () => {
    const db = bed.tmp.file('acm.db');
    const served = await serveGoogle(bed, googleArgs(bed, { db }));
    const { socket } = await socketOf(served);
    bed.sockets.push(socket);
    await ask(socket, 'agents.create', { definition: roasKeeper });
    await eventually('the agent to read the customer', async () => bed.fake.requests.some((r) => r.path.endsWith('googleAds:searchStream')));
    expect((await summary(socket)).agents).toEqual({ active: 1, paused: 0 });

    bed.fake.oauth.revokeRefreshToken(bed.refreshToken);
    const lost = await eventually('the account to need reconnecting', async () => {
      const home = await summary(socket);
      return home.accounts[0].connected ? undefined : home;
    });
    expect(lost.accounts[0]).toMatchObject({ platform: 'google', connected: false });
    expect(lost.agents).toEqual({ active: 0, paused: 1 });
    const sentAtLoss = bed.fake.requests.length;

    const from = bed.clock.now();
    await eventually('six more hours of the account', async () => bed.clock.now() - from > 6 * 3_600_000);
    expect(bed.fake.requests.length).toBe(sentAtLoss);
    const critical = await criticalAlerts(socket);
    expect(critical).toHaveLength(1);
    expect(critical[0].message).toMatch(/^Google Ads customer "Maple Outdoors" \(123-456-7890\) needs reconnecting: /);
    expect(critical[0].message).toContain('Its agents were paused: ROAS keeper');
    expect(critical[0].message).toContain('ACM_GOOGLE_REFRESH_TOKEN');
    expect(critical[0].message).not.toContain(bed.refreshToken);
    const [agent] = await ask<{ status: string }[]>(socket, 'agents.list');
    expect(agent.status).toBe('paused');

    // A restart with the revoked token opens the workspace "needs reconnecting", raising no second alert.
    await served.stop();
    bed.running = [];
    const again = await serveGoogle(bed, googleArgs(bed, { db }));
    const reopened = await socketOf(again);
    bed.sockets.push(reopened.socket);
    const home = await summary(reopened.socket);
    expect(home.accounts[0]).toMatchObject({ platform: 'google', name: 'Maple Outdoors', connected: false });
    expect(home.accounts[0].reason).toMatch(/^Google refused the sign-in from ACM_GOOGLE_REFRESH_TOKEN: .*invalid_grant/);
    expect(home).toMatchObject({ currency: 'CAD', timezone: 'America/Chicago', agents: { active: 0, paused: 1 } });
    expect(await criticalAlerts(reopened.socket)).toHaveLength(1);
  }, 120_000);
});
