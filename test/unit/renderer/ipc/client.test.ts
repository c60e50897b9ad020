import { describe, expect, it, vi } from 'vitest';
import type { AcmBridge } from '@shared/ipc/bridge';
import { createAcmConnection, IpcCallError } from '@renderer/ipc/client';

/** A bridge that records every call and answers from a table. */
function recordingBridge(answer: (channel: string) => unknown = () => ({ ok: true, value: [] })) {
  const calls: { channel: string; request: unknown; workspaceId?: number }[] = [];
  const listeners: ((payload: unknown, workspaceId?: number) => void)[] = [];
  const bridge: AcmBridge = {
    invoke: async (channel, request, workspaceId) => {
      calls.push(workspaceId === undefined ? { channel, request } : { channel, request, workspaceId });
      return answer(channel) as never;
    },
    subscribe: (_event, listener) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
  return { bridge, calls, emit: (payload: unknown, workspaceId?: number) => listeners.forEach((l) => l(payload, workspaceId)) };
}

describe('the renderer client', () => {
  it('sends the workspace with every call about one workspace', async () => {
    const { bridge, calls } = recordingBridge();
    const connection = createAcmConnection(bridge);
    await connection.clientFor(2)['agents.list']();
    await connection.clientFor(7)['alerts.count']({});
    expect(calls).toEqual([
      { channel: 'agents.list', request: {}, workspaceId: 2 },
      { channel: 'alerts.count', request: {}, workspaceId: 7 },
    ]);
  });

  it('sends no workspace with calls about all of them, nor before the window knows its own', async () => {
    const { bridge, calls } = recordingBridge();
    const connection = createAcmConnection(bridge);
    await connection.clientFor(2)['workspaces.list']();
    await connection.clientFor(2)['workspaces.open']({ id: 3 });
    await connection.clientFor(null)['workspaces.current']();
    await connection.clientFor(null)['app.info']();
    expect(calls).toEqual([
      { channel: 'workspaces.list', request: {} },
      { channel: 'workspaces.open', request: { id: 3 } },
      { channel: 'workspaces.current', request: {} },
      { channel: 'app.info', request: {} },
    ]);
  });

  it('keeps one client per workspace, so components can compare it by identity', () => {
    const connection = createAcmConnection(recordingBridge().bridge);
    expect(connection.clientFor(2)).toBe(connection.clientFor(2));
    expect(connection.clientFor(2)).not.toBe(connection.clientFor(3));
  });

  it('throws the host’s refusal with the path it names', async () => {
    const { bridge } = recordingBridge(() => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Invalid request at timezone: must be an IANA time zone', path: 'timezone' },
    }));
    const failed = createAcmConnection(bridge)
      .clientFor(null)
      ['workspaces.create']({ name: 'Tokyo client', currency: 'JPY', timezone: 'Mars/Olympus' })
      .catch((e: unknown) => e);
    const error = await failed;
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error).toMatchObject({ channel: 'workspaces.create', code: 'INVALID_INPUT', path: 'timezone' });
  });

  it('hands a subscriber the workspace each event happened in', () => {
    const { bridge, emit } = recordingBridge();
    const listener = vi.fn();
    createAcmConnection(bridge).subscribe('alert.raised', listener);
    emit({ alertId: 'a', severity: 'warning' }, 2);
    expect(listener).toHaveBeenCalledWith({ alertId: 'a', severity: 'warning' }, 2);
  });
});
