import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketBridge, type ConnectionStatus } from '@renderer/ipc/ws-bridge';

/** Just enough of the browser WebSocket for the bridge: the test plays the host. */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  onopen?: () => void;
  onclose?: () => void;
  onmessage?: (event: { data: string }) => void;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  deliver(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const latest = () => FakeSocket.instances[FakeSocket.instances.length - 1];

beforeEach(() => {
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('WebSocket bridge', () => {
  it('holds calls until the socket opens and answers each by its id', async () => {
    const bridge = createWebSocketBridge({ url: 'ws://127.0.0.1:1/ipc?token=t' });
    const info = bridge.invoke('app.info', {});
    const list = bridge.invoke('campaigns.list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([
      { id: 1, channel: 'app.info', request: {} },
      { id: 2, channel: 'campaigns.list', request: {} },
    ]);
    latest().deliver({ id: 2, result: { ok: true, value: [] } });
    latest().deliver({ id: 1, result: { ok: false, error: { code: 'INTERNAL', message: 'boom' } } });
    expect(await list).toEqual({ ok: true, value: [] });
    expect(await info).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('delivers pushed events to the subscribers of that event only, until they unsubscribe', () => {
    const bridge = createWebSocketBridge({ url: 'ws://x/ipc' });
    latest().open();
    const ticks = vi.fn();
    const other = vi.fn();
    const stop = bridge.subscribe('clock.tick', ticks);
    bridge.subscribe('alerts.raised', other);
    latest().deliver({ event: 'clock.tick', payload: { now: 1, speed: 60 } });
    stop();
    latest().deliver({ event: 'clock.tick', payload: { now: 2, speed: 60 } });
    expect(ticks.mock.calls).toEqual([[{ now: 1, speed: 60 }, undefined]]);
    expect(other).not.toHaveBeenCalled();
  });

  it('names the workspace that should answer, and hands each event its workspace', () => {
    const bridge = createWebSocketBridge({ url: 'ws://x/ipc' });
    latest().open();
    void bridge.invoke('agents.list', {}, 2);
    void bridge.invoke('workspaces.list', {});
    expect(latest().sent).toEqual([
      { id: 1, channel: 'agents.list', request: {}, workspaceId: 2 },
      { id: 2, channel: 'workspaces.list', request: {} },
    ]);
    const raised = vi.fn();
    bridge.subscribe('alert.raised', raised);
    latest().deliver({ event: 'alert.raised', payload: { alertId: 'a', severity: 'critical' }, workspaceId: 3 });
    latest().deliver({ event: 'alert.raised', payload: { alertId: 'b', severity: 'info' } });
    expect(raised.mock.calls).toEqual([
      [{ alertId: 'a', severity: 'critical' }, 3],
      [{ alertId: 'b', severity: 'info' }, undefined],
    ]);
  });

  it('fails calls lost with the connection, reconnects, and sends calls made meanwhile', async () => {
    const statuses: ConnectionStatus[] = [];
    const bridge = createWebSocketBridge({ url: 'ws://x/ipc', onStatus: (s) => statuses.push(s), retryDelayMs: () => 500 });
    latest().open();
    const inFlight = bridge.invoke('app.info', {});
    latest().drop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('connection to the host was lost') } });

    const meanwhile = bridge.invoke('campaigns.list', {});
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    latest().open();
    expect(latest().sent).toEqual([{ id: 2, channel: 'campaigns.list', request: {} }]);
    latest().deliver({ id: 2, result: { ok: true, value: [] } });
    expect(await meanwhile).toEqual({ ok: true, value: [] });
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('stops reconnecting once closed', () => {
    const bridge = createWebSocketBridge({ url: 'ws://x/ipc', retryDelayMs: () => 10 });
    latest().open();
    bridge.close();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});
