import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, startHost, type RunningHost } from '@host/start-host';
import { FAKE_START, fakeAccountFactory } from './fake-platform';
import { call, makeRendererDir, nextEvent, openSocket } from './host-fixture';

let host: RunningHost;
let renderer: Awaited<ReturnType<typeof makeRendererDir>>;
let socket: WebSocket;

beforeAll(async () => {
  renderer = await makeRendererDir();
  host = await startHost({ port: 0, speed: 120, rendererDir: renderer.dir, createAccount: fakeAccountFactory(), log: () => {} });
  const opened = await openSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
  socket = opened.socket!;
});
afterAll(async () => {
  socket.close();
  await host.close();
  await renderer.remove();
});

describe('headless host IPC messages', () => {
  it('answers a call with its id and the campaigns of the account', async () => {
    const reply = await call(socket, { id: 'req-7', channel: 'campaigns.list', request: {} });
    expect(reply.id).toBe('req-7');
    expect(reply.result.ok).toBe(true);
    expect((reply.result.value as { name: string }[]).map((c) => c.name)).toEqual(['Spring sale — prospecting', 'Brand search']);
  });

  it('answers from the workspace the envelope names, and names an unknown one', async () => {
    const created = await call(socket, {
      id: 'ws-1',
      channel: 'workspaces.create',
      request: { name: 'Tokyo client', currency: 'JPY', timezone: 'Asia/Tokyo' },
    });
    expect(created.result).toMatchObject({ ok: true, value: { id: 2 } });
    const definition = { name: 'Tokyo ROAS', campaigns: '*', goals: [{ metric: 'roas', op: '>=', value: 2 }] };
    expect(await call(socket, { id: 'ws-2', channel: 'agents.create', request: { definition }, workspaceId: 2 })).toMatchObject({ result: { ok: true } });
    const names = async (workspaceId: number) =>
      ((await call(socket, { id: `list-${workspaceId}`, channel: 'agents.list', request: {}, workspaceId })).result.value as { name: string }[]).map(
        (a) => a.name,
      );
    expect(await names(2)).toEqual(['Tokyo ROAS']);
    expect(await names(1)).toEqual([]);
    expect(await call(socket, { id: 'ws-3', channel: 'app.info', request: {}, workspaceId: 7 })).toMatchObject({
      result: { ok: false, error: { code: 'NOT_FOUND', message: 'no workspace 7' } },
    });
    expect(await call(socket, { id: 'ws-4', channel: 'app.info', request: {}, workspaceId: 'two' })).toMatchObject({
      result: { ok: false, error: { code: 'INVALID_INPUT', path: 'workspaceId' } },
    });
  });

  it('pushes clock.tick events with the accelerated simulated time, naming their workspace', async () => {
    const { event, payload, workspaceId } = await nextEvent(socket);
    expect(event).toBe('clock.tick');
    expect(workspaceId).toBeTypeOf('number');
    expect(payload).toMatchObject({ speed: 120 });
    expect((payload as { now: number }).now).toBeGreaterThanOrEqual(FAKE_START + 1000 * 120 * 0.9);
  });

  it('answers a message over the size limit with INVALID_INPUT and keeps serving', async () => {
    const big = JSON.stringify({ id: 1, channel: 'app.info', request: { pad: 'x'.repeat(MAX_MESSAGE_BYTES) } });
    const reply = await call(socket, big);
    expect(reply).toMatchObject({
      id: 1,
      result: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/over the 1048576-byte limit/) } },
    });
    expect(await call(socket, { id: 2, channel: 'app.info', request: {} })).toMatchObject({ id: 2, result: { ok: true } });
  });

  it('answers non-JSON text and binary messages with INVALID_INPUT', async () => {
    expect(await call(socket, '{"id": 3, "channel": ')).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('not valid JSON') } },
    });
    const binaryReply = call(socket, '');
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await binaryReply).toMatchObject({ result: { error: { code: 'INVALID_INPUT' } } });
  });

  it('names the envelope field that is wrong and still echoes the id', async () => {
    expect(await call(socket, { id: 4, request: {} })).toMatchObject({ id: 4, result: { ok: false, error: { code: 'INVALID_INPUT', path: 'channel' } } });
    expect(await call(socket, { id: 5, channel: 'app.info', request: {}, extra: true })).toMatchObject({ id: 5, result: { error: { path: 'extra' } } });
  });

  it('reports a malformed request at its path and an unknown channel by name', async () => {
    expect(await call(socket, { id: 6, channel: 'campaigns.list', request: { limit: 5 } })).toMatchObject({
      id: 6,
      result: { ok: false, error: { code: 'INVALID_INPUT', path: 'limit' } },
    });
    expect(await call(socket, { id: 7, channel: 'campaigns.delete', request: {} })).toMatchObject({
      id: 7,
      result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
    });
  });
});
