import type { AlertCount } from '@shared/ipc/channels/alerts';
import type { IpcServer } from '../ipc/server';
import type { Notice } from './agent-commands';

export interface AlertSurface {
  /** Shows how many alerts wait for a person (the tray's tooltip and title). */
  setCount(count: AlertCount): void;
  notify(notice: Notice): void;
}

/**
 * Keeps the tray's alert count current and raises a native notification for every critical
 * alert, from the same pushed events the windows get: nothing polls. Returns the function that
 * stops watching.
 */
export function watchAlerts(server: IpcServer, surface: AlertSurface, warn: (message: string) => void): () => void {
  const refresh = async (): Promise<AlertCount | undefined> => {
    const reply = await server.handle('alerts.count', {});
    if (!reply.ok) {
      warn(`could not count alerts: ${reply.error.message}`);
      return undefined;
    }
    const count = reply.value as AlertCount;
    surface.setCount(count);
    return count;
  };
  void refresh();
  return server.onEvent((event, payload, workspaceId) => {
    if (event !== 'alert.raised') return;
    void refresh().then(async () => {
      if ((payload as { severity?: string }).severity !== 'critical') return;
      const reply = await server.handle('alerts.list', { limit: 20 }, workspaceId);
      const items = reply.ok ? (reply.value as { items: { alert: { id: string; message: string } }[] }).items : [];
      const alert = items.find((i) => i.alert.id === (payload as { alertId: string }).alertId)?.alert;
      surface.notify({ title: 'Agentic Campaign Manager: critical alert', body: alert?.message ?? 'A critical alert is waiting in Alerts.' });
    });
  });
}

/** The tray's tooltip: how many alerts wait, critical ones first. */
export function trayTooltip(appName: string, count: AlertCount): string {
  if (count.total === 0) return `${appName}: no alerts waiting`;
  const critical = count.critical > 0 ? `, ${count.critical} critical` : '';
  return `${appName}: ${count.total} alert${count.total === 1 ? '' : 's'} waiting${critical}`;
}
