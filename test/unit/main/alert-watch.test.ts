import { describe, expect, it } from 'vitest';
import type { AlertCount } from '@shared/ipc/channels/alerts';
import type { IpcServer } from '@ipc/server';
import { trayTooltip, watchAlerts } from '../../../electron/main/alert-watch';

/** Two workspaces: the home one, whose counts move through `counts`, and a client with one warning that waits throughout. */
function fakeServer(counts: AlertCount[], messages: Record<string, string>) {
  let listener: ((event: string, payload: unknown, workspaceId?: number) => void) | undefined;
  let call = 0;
  const server: IpcServer = {
    async handle(channel, _request, workspaceId) {
      if (channel === 'workspaces.list')
        return {
          ok: true,
          value: [
            { id: 1, name: 'Home' },
            { id: 2, name: 'Tokyo client' },
          ],
        };
      if (channel === 'alerts.count') return { ok: true, value: workspaceId === 2 ? count(1) : counts[Math.min(call++, counts.length - 1)] };
      if (channel === 'alerts.list')
        return { ok: true, value: { items: Object.entries(messages).map(([id, message]) => ({ alert: { id, message } })), conflicts: [] } };
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
    onEvent(l) {
      listener = l;
      return () => (listener = undefined);
    },
  };
  return {
    server,
    emit: (event: string, payload: unknown, workspaceId?: number) => listener?.(event, payload, workspaceId),
    listening: () => listener !== undefined,
  };
}

const count = (total: number, critical = 0): AlertCount => ({ total, info: 0, warning: total - critical, critical, awaitingApproval: 0 });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the tray and desktop notifications follow the alerts', () => {
  it('shows the count of every workspace at once and after every raised alert, and notifies only critical ones with their workspace and message', async () => {
    const shown: AlertCount[] = [];
    const notices: { title: string; body: string }[] = [];
    const { server, emit, listening } = fakeServer([count(0), count(1), count(2, 1)], { a2: 'Scale was paused after 3 failed changes in a row' });
    const stop = watchAlerts(server, { setCount: (c) => shown.push(c), notify: (n) => notices.push(n) }, () => undefined);
    await settle();
    emit('alert.raised', { alertId: 'a1', severity: 'warning' }, 1);
    await settle();
    emit('alert.raised', { alertId: 'a2', severity: 'critical' }, 1);
    await settle();
    await settle();
    expect(shown.map((c) => c.total)).toEqual([1, 2, 3]);
    expect(notices).toEqual([{ title: 'Agentic Campaign Manager: critical alert', body: 'Home: Scale was paused after 3 failed changes in a row' }]);
    stop();
    expect(listening()).toBe(false);
  });

  it('words the tooltip for none, one and many, critical first', () => {
    expect(trayTooltip('ACM', count(0))).toBe('ACM: no alerts waiting');
    expect(trayTooltip('ACM', count(1))).toBe('ACM: 1 alert waiting');
    expect(trayTooltip('ACM', count(5, 2))).toBe('ACM: 5 alerts waiting, 2 critical');
  });
});
