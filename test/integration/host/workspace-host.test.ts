import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentDefinitionSchema } from '@shared/scenario/schema';
import { AcceleratedClock } from '@shared/time';
import { createDefaultAccount } from '@host/default-account';
import { WorkspaceHost, type WorkspaceOpeners } from '@host/workspace-registry';
import { createIpcServer } from '@ipc/server';
import { openDatabase } from '@store/index';
import { tempDir } from '../store/temp-dir';

let tmp: ReturnType<typeof tempDir>;
let hosts: WorkspaceHost[];

beforeEach(() => {
  tmp = tempDir();
  hosts = [];
});
afterEach(async () => {
  for (const host of hosts) await host.close();
  tmp.remove();
});

const openers = (log: string[] = []): WorkspaceOpeners => ({
  openStore: (path) => openDatabase({ path }),
  openAccount: (store, request) => createDefaultAccount({ ...request, store, startClock: (startMs) => new AcceleratedClock(startMs, 1) }),
  log: (message) => log.push(message),
});

async function start(path: string, log?: string[]): Promise<WorkspaceHost> {
  const host = await WorkspaceHost.start(path, openers(log));
  hosts.push(host);
  return host;
}

async function restart(host: WorkspaceHost, path: string): Promise<WorkspaceHost> {
  await host.close();
  hosts.splice(hosts.indexOf(host), 1);
  return start(path);
}

const agent = (name: string) => AgentDefinitionSchema.parse({ name, role: 'efficiency', campaigns: '*', goals: [{ metric: 'roas', op: '>=', value: 2 }] });

describe('workspaces: one client each, in its own database', () => {
  it('starts on a home workspace named after its account, in the account zone and currency', async () => {
    const host = await start(tmp.file('acm.db'));
    const [home] = host.list();
    expect(home).toMatchObject({ id: 1, currency: 'USD', timezone: 'UTC', agents: { active: 0, paused: 0 } });
    expect(host.current().id).toBe(1);
  });

  it('creates a workspace in its own file with its own zone and currency, and keeps it across a restart', async () => {
    const path = tmp.file('acm.db');
    let host = await start(path);
    const tokyo = await host.create({ name: 'Tokyo client', currency: 'JPY', timezone: 'Asia/Tokyo' });
    expect(tokyo).toMatchObject({ id: 2, name: 'Tokyo client', currency: 'JPY', timezone: 'Asia/Tokyo' });
    expect(existsSync(`${path}.workspaces/2.db`)).toBe(true);
    expect(host.services(2).account).toMatchObject({ currency: 'JPY', timezone: 'Asia/Tokyo' });

    host.open(2);
    host = await restart(host, path);
    expect(host.list().map((w) => w.name)).toEqual([host.list()[0].name, 'Tokyo client']);
    expect(host.current()).toMatchObject({ id: 2, timezone: 'Asia/Tokyo' });
  });

  it("keeps agents and alerts apart: one client's agents are not another's", async () => {
    const host = await start(tmp.file('acm.db'));
    await host.create({ name: 'Berlin client', currency: 'EUR', timezone: 'Europe/Berlin' });
    host.services(1).runtime.addAgent(agent('Home ROAS'));
    host.services(2).runtime.addAgent(agent('Berlin ROAS'));
    expect(
      host
        .services(1)
        .records.agents.list()
        .map((a) => a.name),
    ).toEqual(['Home ROAS']);
    expect(
      host
        .services(2)
        .records.agents.list()
        .map((a) => a.name),
    ).toEqual(['Berlin ROAS']);
    expect(host.list().map((w) => w.agents.active)).toEqual([1, 1]);
  });

  it('pauses every agent of every workspace at once, and says what it did in each', async () => {
    const host = await start(tmp.file('acm.db'));
    await host.create({ name: 'Berlin client', currency: 'EUR', timezone: 'Europe/Berlin' });
    const home = host.services(1).runtime.addAgent(agent('Home ROAS'));
    const berlin = host.services(2).runtime.addAgent(agent('Berlin ROAS'));
    const paused = host.pauseAll();
    expect(paused.workspaces).toEqual([
      { workspaceId: 1, agentIds: [home], recorded: true },
      { workspaceId: 2, agentIds: [berlin], recorded: true },
    ]);
    expect(host.list().map((w) => w.agents)).toEqual([
      { active: 0, paused: 1 },
      { active: 0, paused: 1 },
    ]);
  });

  it('lists the exceptions of every client, naming the workspace and its zone', async () => {
    const host = await start(tmp.file('acm.db'));
    await host.create({ name: 'Kolkata client', currency: 'INR', timezone: 'Asia/Kolkata' });
    const alerts = (id: number) => (host as unknown as { get(id: number): { store: ReturnType<typeof openDatabase> } }).get(id).store.alerts;
    alerts(2).raise({ createdAt: 1000, kind: 'blocked', severity: 'warning', message: 'Budget raise blocked by the account cap.' });
    alerts(1).raise({ createdAt: 2000, kind: 'circuit_break', severity: 'critical', message: 'The platform stopped answering.' });
    const exceptions = host.exceptions();
    expect(exceptions.map((e) => [e.workspaceId, e.kind, e.severity, e.timezone])).toEqual([
      [1, 'connection', 'critical', 'UTC'],
      [2, 'blocked', 'warning', 'Asia/Kolkata'],
    ]);
    expect(exceptions[1].workspaceName).toBe('Kolkata client');
    expect(host.list()[0].accounts[0].connected).toBe(false);
  });

  it('renames a workspace for good, refusing a name another client has', async () => {
    const path = tmp.file('acm.db');
    let host = await start(path);
    await host.create({ name: 'Acme', currency: 'USD', timezone: 'America/New_York' });
    expect(host.rename(1, 'Home agency')).toMatchObject({ id: 1, name: 'Home agency', currency: 'USD' });
    expect(() => host.rename(1, 'ACME')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    host = await restart(host, path);
    expect(host.list().map((w) => w.name)).toEqual(['Home agency', 'Acme']);
  });

  it('refuses a second workspace of the same name and leaves no file behind', async () => {
    const path = tmp.file('acm.db');
    const host = await start(path);
    await host.create({ name: 'Acme', currency: 'USD', timezone: 'America/New_York' });
    await expect(host.create({ name: 'acme', currency: 'EUR', timezone: 'Europe/Paris' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readdirSync(`${path}.workspaces`).filter((f) => f.endsWith('.db'))).toEqual(['2.db']);
  });

  it('leaves nothing half-made when the account of a new workspace cannot open', async () => {
    const path = tmp.file('acm.db');
    const base = openers();
    const host = await WorkspaceHost.start(path, {
      ...base,
      openAccount: (store, request) => (request.overrides ? Promise.reject(new Error('sandbox unavailable')) : base.openAccount(store, request)),
    });
    hosts.push(host);
    await expect(host.create({ name: 'Broken', currency: 'USD', timezone: 'UTC' })).rejects.toThrow('sandbox unavailable');
    expect(host.list().map((w) => w.id)).toEqual([1]);
    expect(readdirSync(`${path}.workspaces`)).toEqual([]);
  });
});

describe('the IPC server over workspaces', () => {
  it('answers each call from the workspace it names and pushes events with the workspace id', async () => {
    const host = await start(tmp.file('acm.db'));
    await host.create({ name: 'Tokyo client', currency: 'JPY', timezone: 'Asia/Tokyo' });
    const ipc = createIpcServer(host);
    const events: [string, number | undefined][] = [];
    ipc.onEvent((event, _payload, workspaceId) => event !== 'clock.tick' && events.push([event, workspaceId]));

    const info = await ipc.handle('app.info', {}, 2);
    expect(info).toMatchObject({ ok: true, value: { account: { currency: 'JPY', timezone: 'Asia/Tokyo' } } });
    expect(await ipc.handle('agents.list', {}, 9)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no workspace 9' } });

    const created = await ipc.handle('agents.create', { definition: agent('Tokyo ROAS') }, 2);
    expect(created.ok).toBe(true);
    expect(events).toContainEqual(['agent.changed', 2]);
    expect(await ipc.handle('agents.list', {}, 1)).toMatchObject({ ok: true, value: [] });

    expect(await ipc.handle('workspaces.open', { id: 2 })).toMatchObject({ ok: true, value: { id: 2 } });
    expect(events).toContainEqual(['workspace.changed', undefined]);
    expect(await ipc.handle('app.info', {})).toMatchObject({ ok: true, value: { account: { currency: 'JPY' } } });
  });

  it('names the field a new workspace gets wrong', async () => {
    const ipc = createIpcServer(await start(tmp.file('acm.db')));
    expect(await ipc.handle('workspaces.create', { name: 'X', currency: 'USD', timezone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'timezone' },
    });
    expect(await ipc.handle('workspaces.create', { name: 'X', currency: 'XYZ1', timezone: 'UTC' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'currency' },
    });
  });
});
