import type { AlertCount } from '@shared/ipc/channels/alerts';
import type { IpcServer } from '../ipc/server';
import type { Notice } from './agent-commands';

export interface AlertSurface {
  /** Shows how many alerts wait for a person (the tray's tooltip and title). */
  setCount(count: AlertCount): void;
  notify(notice: Notice): void;
}

const NO_ALERTS: AlertCount = { total: 0, info: 0, warning: 0, critical: 0, awaitingApproval: 0 };

/**
 * Keeps the tray's alert count current across every workspace and raises a native notification
 * for every critical alert, naming its workspace, from the same pushed events the windows get:
 * nothing polls. Returns the function that stops watching.
 */
export function watchAlerts(server: IpcServer, surface: AlertSurface, warn: (message: string) => void): () => void {
  const workspaces = async (): Promise<{ id: number; name: string }[]> => {
    const reply = await server.handle('workspaces.list', {});
    if (reply.ok) return reply.value as { id: number; name: string }[];
    warn(`could not list workspaces: ${reply.error.message}`);
    return [];
  };
  const refresh = async (): Promise<void> => {
    let sum = NO_ALERTS;
    for (const { id } of await workspaces()) {
      const reply = await server.handle('alerts.count', {}, id);
      if (!reply.ok) {
        warn(`could not count alerts of workspace ${id}: ${reply.error.message}`);
        return;
      }
      const count = reply.value as AlertCount;
      sum = Object.fromEntries(Object.entries(sum).map(([key, value]) => [key, value + count[key as keyof AlertCount]])) as AlertCount;
    }
    surface.setCount(sum);
  };
  void refresh();
  return server.onEvent((event, payload, workspaceId) => {
    if (event !== 'alert.raised') return;
    void refresh().then(async () => {
      if ((payload as { severity?: string }).severity !== 'critical') return;
      const reply = await server.handle('alerts.list', { limit: 20 }, workspaceId);
      const items = reply.ok ? (reply.value as { items: { alert: { id: string; message: string } }[] }).items : [];
      const alert = items.find((i) => i.alert.id === (payload as { alertId: string }).alertId)?.alert;
      const workspace = (await workspaces()).find((w) => w.id === workspaceId)?.name;
      const body = alert?.message ?? 'A critical alert is waiting in Alerts.';
      surface.notify({ title: 'Agentic Campaign Manager: critical alert', body: workspace ? `${workspace}: ${body}` : body });
    });
  });
}

/** The tray's tooltip: how many alerts wait, critical ones first. */
export function trayTooltip(appName: string, count: AlertCount): string {
  if (count.total === 0) return `${appName}: no alerts waiting`;
  const critical = count.critical > 0 ? `, ${count.critical} critical` : '';
  return `${appName}: ${count.total} alert${count.total === 1 ? '' : 's'} waiting${critical}`;
}
