import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ask, readDb } from './serve-process';
import { eventually, roasKeeper, serveMeta, socketOf, TOKEN, metaTestBed, type ServedMeta } from './meta-serve-fixture';

interface Summary {
  accounts: { platform: string; name: string; connected: boolean; reason?: string }[];
  agents: { active: number; paused: number };
  openAlerts: { critical: number };
}
interface AlertItem {
  severity: string;
  kind: string;
  message: string;
}

const bed = metaTestBed();

async function serve(db: string, env: Record<string, string> = { ACM_META_TOKEN: TOKEN }, args: Record<string, string> = { platform: 'meta' }) {
  const served = await serveMeta({ world: bed.world, args: { db, 'api-base': bed.world.fake.url, ...args }, env });
  if (!('url' in served)) throw new Error(served.lines.join('\n'));
  bed.running.push(served);
  const { socket } = await socketOf(served);
  bed.sockets.push(socket);
  return { served, socket };
}

async function stop(served: ServedMeta) {
  bed.running = bed.running.filter((s) => s !== served);
  expect(await served.stop()).toBe(0);
}

const summary = async (socket: WebSocket) => (await ask<Summary[]>(socket, 'workspaces.list'))[0];
const criticalAlerts = async (socket: WebSocket) =>
  (await ask<{ items: { alert: AlertItem }[] }>(socket, 'alerts.list', {})).items.map((i) => i.alert).filter((a) => a.severity === 'critical');
const hoursLater = (hours: number) => {
  const from = bed.world.clock.now();
  return eventually(`${hours} more hours of the account`, async () => bed.world.clock.now() - from > hours * 3_600_000);
};

describe('a Meta token that dies mid-run', () => {
  it('turns the account "needs reconnecting", pauses its agents with one critical alert, and sends nothing more', async () => {
    const db = bed.tmp.file('acm.db');
    const { socket } = await serve(db);
    await ask(socket, 'agents.create', { definition: roasKeeper });
    await eventually('a budget change executed through Meta', async () => {
      const { count } = await ask<{ count: number }>(socket, 'decisions.count', { filter: { states: ['executed'] } });
      return count > 0;
    });
    expect((await summary(socket)).agents).toEqual({ active: 1, paused: 0 });

    const expiredAt = bed.world.fake.requests.length;
    bed.world.fake.expireToken();
    const lost = await eventually('the account to need reconnecting', async () => {
      const home = await summary(socket);
      return home.accounts[0].connected ? undefined : home;
    });
    const sentAtLoss = bed.world.fake.requests.length;
    expect(lost.accounts[0]).toMatchObject({ platform: 'meta', name: 'Acme Shoes', connected: false });
    expect(lost.accounts[0].reason).toMatch(/code 190.*Session has expired/);
    expect(lost.agents).toEqual({ active: 0, paused: 1 });

    await hoursLater(6);
    // Only calls already under way when the first 190 came back reached Meta; none were sent after.
    const refused = bed.world.fake.requests.slice(expiredAt);
    expect(refused.every((r) => r.status === 400)).toBe(true);
    expect(refused.length).toBeLessThanOrEqual(3);
    expect(bed.world.fake.requests.length).toBe(sentAtLoss);

    const critical = await criticalAlerts(socket);
    expect(critical).toHaveLength(1);
    expect(critical[0].message).toMatch(/^Meta ad account "Acme Shoes" \(act_\d+\) needs reconnecting: .*code 190/);
    expect(critical[0].message).toContain('Its agents were paused: ROAS keeper');
    expect(critical[0].message).toContain('ACM_META_TOKEN');
    expect((await summary(socket)).openAlerts.critical).toBe(1);
    const [agent] = await ask<{ status: string }[]>(socket, 'agents.list');
    expect(agent.status).toBe('paused');
    await expect(ask(socket, 'campaigns.list', {})).rejects.toThrow(/needs reconnecting/);

    await stop(bed.running[0]);
    const audited = readDb(db, (d) => d.prepare("SELECT kind FROM audit_log WHERE kind IN ('agent.paused', 'alert.raised') ORDER BY seq").pluck().all());
    expect(audited).toEqual(expect.arrayContaining(['agent.paused', 'alert.raised']));
  }, 120_000);

  it('opens "needs reconnecting" after a restart with the dead token, raises no second alert, and reconnects with a new token', async () => {
    const db = bed.tmp.file('acm.db');
    let { served, socket } = await serve(db);
    await ask(socket, 'agents.create', { definition: roasKeeper });
    bed.world.fake.expireToken();
    await eventually('the account to need reconnecting', async () => !(await summary(socket)).accounts[0].connected);
    await stop(served);

    // The same token source: a database connected to Meta reconnects without --platform.
    ({ served, socket } = await serve(db, { ACM_META_TOKEN: TOKEN }, {}));
    const sent = bed.world.fake.requests.length;
    const reopened = await summary(socket);
    expect(reopened.accounts[0]).toMatchObject({ platform: 'meta', name: 'Acme Shoes', connected: false });
    expect(reopened.accounts[0].reason).toMatch(/Meta refused the token from ACM_META_TOKEN/);
    expect(reopened.agents).toEqual({ active: 0, paused: 1 });
    await hoursLater(3);
    expect(bed.world.fake.requests.length).toBe(sent);
    expect(await criticalAlerts(socket)).toHaveLength(1);
    await stop(served);

    const renewed = 'EAAG-renewed-token-0c1d2e3f4a5b6c7d';
    bed.world.fake.renewToken(renewed);
    ({ served, socket } = await serve(db, { ACM_META_TOKEN: renewed }, {}));
    const home = await summary(socket);
    expect(home.accounts[0]).toMatchObject({ platform: 'meta', connected: true });
    expect(home).toMatchObject({ currency: 'USD', timezone: 'America/New_York' });
    expect(readDb(db, (d) => d.prepare('SELECT platform, name, currency, timezone FROM accounts').all())).toEqual([
      { platform: 'meta', name: 'Acme Shoes', currency: 'USD', timezone: 'America/New_York' },
    ]);
    expect(served.lines.join('\n')).not.toContain(renewed);
  }, 120_000);
});
