import { get } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '@host/start-host';
import { fakeAccountFactory } from './fake-platform';
import { call, makeRendererDir, openSocket } from './host-fixture';

let host: RunningHost;
let renderer: Awaited<ReturnType<typeof makeRendererDir>>;
let origin: string;

beforeAll(async () => {
  renderer = await makeRendererDir();
  host = await startHost({ port: 0, rendererDir: renderer.dir, createAccount: fakeAccountFactory(), log: () => {} });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await renderer.remove();
});

function tcpConnects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('headless host security', () => {
  it('prints a 127.0.0.1 URL carrying a fresh random token', async () => {
    expect(host.url).toBe(`${origin}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startHost({ port: 0, rendererDir: renderer.dir, createAccount: fakeAccountFactory(), log: () => {} });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('listens on the loopback address only', async () => {
    expect(await tcpConnects('127.0.0.1', host.port)).toBe(true);
    // 127.0.0.2 is loopback too on Linux: it only answers if the host bound every address.
    expect(await tcpConnects('127.0.0.2', host.port)).toBe(false);
    expect(await tcpConnects('::1', host.port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((nic) => nic && nic.family === 'IPv4' && !nic.internal);
    for (const nic of external) expect(await tcpConnects(nic!.address, host.port)).toBe(false);
  });

  it('refuses a WebSocket without the token, or with a wrong one, with 401', async () => {
    expect(await openSocket(`ws://127.0.0.1:${host.port}/ipc`, { Origin: origin })).toEqual({ refusedWith: 401 });
    expect(await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token.slice(1)}x`, { Origin: origin })).toEqual({ refusedWith: 401 });
  });

  it('refuses a WebSocket from a foreign or missing Origin with 403, even with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/ipc?token=${host.token}`;
    expect(await openSocket(url, { Origin: 'http://evil.example' })).toEqual({ refusedWith: 403 });
    expect(await openSocket(url, { Origin: `http://localhost:${host.port}` })).toEqual({ refusedWith: 403 });
    expect(await openSocket(url, {})).toEqual({ refusedWith: 403 });
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    // fetch() drops a Host header, so this goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).once('error', reject);
    });
    expect(status).toBe(421);
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { Origin: origin, Host: `attacker.example:${host.port}` });
    expect(ws.refusedWith).toBe(421);
  });

  it('accepts the token from the host origin and answers calls', async () => {
    const { socket } = await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { Origin: origin });
    const reply = await call(socket!, { id: 1, channel: 'app.info', request: {} });
    expect(reply).toMatchObject({ id: 1, result: { ok: true, value: { account: { name: 'Test account', currency: 'EUR' } } } });
    socket!.close();
  });
});
