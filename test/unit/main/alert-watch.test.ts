import { describe, expect, it } from 'vitest';
import type { AlertCount } from '@shared/ipc/channels/alerts';
import type { IpcServer } from '@ipc/server';
import { trayTooltip, watchAlerts } from '../../../electron/main/alert-watch';

function fakeServer(counts: AlertCount[], messages: Record<string, string>) {
  let listener: ((event: string, payload: unknown) => void) | undefined;
  let call = 0;
  const server: IpcServer = {
    async handle(channel) {
      if (channel === 'alerts.count') return { ok: true, value: counts[Math.min(call++, counts.length - 1)] };
      if (channel === 'alerts.list')
        return { ok: true, value: { items: Object.entries(messages).map(([id, message]) => ({ alert: { id, message } })), conflicts: [] } };
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
    onEvent(l) {
      listener = l;
      return () => (listener = undefined);
    },
  };
  return { server, emit: (event: string, payload: unknown) => listener?.(event, payload), listening: () => listener !== undefined };
}

const count = (total: number, critical = 0): AlertCount => ({ total, info: 0, warning: total - critical, critical, awaitingApproval: 0 });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the tray and desktop notifications follow the alerts', () => {
  it('shows the count at once and after every raised alert, and notifies only critical ones with their message', async () => {
    const shown: AlertCount[] = [];
    const notices: { title: string; body: string }[] = [];
    const { server, emit, listening } = fakeServer([count(0), count(1), count(2, 1)], { a2: 'Scale was paused after 3 failed changes in a row' });
    const stop = watchAlerts(server, { setCount: (c) => shown.push(c), notify: (n) => notices.push(n) }, () => undefined);
    await settle();
    emit('alert.raised', { alertId: 'a1', severity: 'warning' });
    await settle();
    emit('alert.raised', { alertId: 'a2', severity: 'critical' });
    await settle();
    await settle();
    expect(shown.map((c) => c.total)).toEqual([0, 1, 2]);
    expect(notices).toEqual([{ title: 'Agentic Campaign Manager: critical alert', body: 'Scale was paused after 3 failed changes in a row' }]);
    stop();
    expect(listening()).toBe(false);
  });

  it('words the tooltip for none, one and many, critical first', () => {
    expect(trayTooltip('ACM', count(0))).toBe('ACM: no alerts waiting');
    expect(trayTooltip('ACM', count(1))).toBe('ACM: 1 alert waiting');
    expect(trayTooltip('ACM', count(5, 2))).toBe('ACM: 5 alerts waiting, 2 critical');
  });
});
