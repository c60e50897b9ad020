import type { ComponentType } from 'react';
import { AgentsScreen } from '../features/agents/agents-screen';
import { AlertsScreen } from '../features/alerts/alerts-screen';
import { AuditScreen } from '../features/audit/audit-screen';
import { MonitorScreen } from '../features/monitor/monitor-screen';
import { useLiveUpdates } from '../ipc/use-live-updates';
import { AppHeader } from './app-header';
import { ConnectionBanner } from './connection-banner';
import { NavBar } from './nav-bar';
import { useRoute, type RouteId } from './routes';

const SCREENS: Record<RouteId, ComponentType> = {
  agents: AgentsScreen,
  monitor: MonitorScreen,
  audit: AuditScreen,
  alerts: AlertsScreen,
};

export function AppShell() {
  useLiveUpdates();
  const route = useRoute();
  const Screen = SCREENS[route];
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <AppHeader />
      <NavBar current={route} />
      <main id="main" tabIndex={-1}>
        <ConnectionBanner />
        <Screen />
      </main>
    </div>
  );
}

/** `#main` would be read as a route; move focus by hand instead. */
function skipToMain(event: { preventDefault(): void }): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
