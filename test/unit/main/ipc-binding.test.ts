import { describe, expect, it } from 'vitest';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '@shared/ipc/bridge';
import type { IpcResult } from '@shared/ipc/define';
import { bindIpcServer, type EventTarget } from '../../../electron/main/ipc-binding';
import type { IpcServer } from '@ipc/server';

type Invoke = (event: { senderFrame: { url: string } | null }, channel: unknown, request: unknown, workspaceId?: unknown) => Promise<IpcResult<unknown>>;

function setup(handle: IpcServer['handle'] = async (channel, request, workspaceId) => ({ ok: true, value: { channel, request, workspaceId } })) {
  const handlers = new Map<string, Invoke>();
  let emit: (event: string, payload: unknown, workspaceId?: number) => void = () => {};
  const sent: Array<{ target: string; args: unknown[] }> = [];
  const warnings: string[] = [];
  const target = (name: string, destroyed = false): EventTarget => ({
    isDestroyed: () => destroyed,
    send: (...args: unknown[]) => void sent.push({ target: name, args }),
  });
  const ipcMain = {
    handle: (channel: string, listener: Invoke) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const unbind = bindIpcServer({
    ipcMain: ipcMain as never,
    server: {
      handle,
      onEvent: (listener) => {
        emit = listener;
        return () => {
          emit = () => {};
        };
      },
    },
    isTrustedSender: (url) => url === 'file:///app/index.html',
    eventTargets: () => [target('main'), target('closed', true)],
    warn: (message) => warnings.push(message),
  });
  const invoke = handlers.get(ELECTRON_INVOKE_CHANNEL) as Invoke;
  return { handlers, invoke, emit: (e: string, p: unknown, w?: number) => emit(e, p, w), sent, warnings, unbind };
}

describe('the Electron IPC binding', () => {
  it('passes calls from our page to the IPC server', async () => {
    const { invoke } = setup();
    const result = await invoke({ senderFrame: { url: 'file:///app/index.html' } }, 'agents.list', { limit: 5 });
    expect(result).toEqual({ ok: true, value: { channel: 'agents.list', request: { limit: 5 }, workspaceId: undefined } });
  });

  it('passes the workspace a call names, and refuses one that is not a number', async () => {
    const { invoke } = setup();
    const page = { senderFrame: { url: 'file:///app/index.html' } };
    expect(await invoke(page, 'agents.list', {}, 3)).toEqual({ ok: true, value: { channel: 'agents.list', request: {}, workspaceId: 3 } });
    expect(await invoke(page, 'agents.list', {}, '3')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('workspace') },
    });
  });

  it('answers FORBIDDEN to any other frame, without reaching the server', async () => {
    let reached = false;
    const { invoke, warnings } = setup(async () => {
      reached = true;
      return { ok: true, value: null };
    });
    const result = await invoke({ senderFrame: { url: 'https://evil.example/' } }, 'agents.pauseAll', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke({ senderFrame: null }, 'agents.pauseAll', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(reached).toBe(false);
    expect(warnings[0]).toContain('https://evil.example/');
  });

  it('rejects a channel name that is not a string', async () => {
    const { invoke } = setup();
    expect(await invoke({ senderFrame: { url: 'file:///app/index.html' } }, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('number') },
    });
  });

  it('turns a server that throws into an INTERNAL error as data', async () => {
    const { invoke, warnings } = setup(async () => {
      throw new Error('disk on fire');
    });
    const result = await invoke({ senderFrame: { url: 'file:///app/index.html' } }, 'agents.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error while handling agents.list' } });
    expect(warnings[0]).toContain('disk on fire');
  });

  it('pushes server events, with the workspace they are about, to every open window and skips closed ones', () => {
    const { emit, sent } = setup();
    emit('clock.tick', { now: 1 }, 2);
    expect(sent).toEqual([{ target: 'main', args: [ELECTRON_EVENT_CHANNEL, 'clock.tick', { now: 1 }, 2] }]);
  });

  it('unbinds the handler and the event subscription', () => {
    const { handlers, emit, sent, unbind } = setup();
    unbind();
    emit('clock.tick', { now: 2 });
    expect(handlers.has(ELECTRON_INVOKE_CHANNEL)).toBe(false);
    expect(sent).toEqual([]);
  });
});
