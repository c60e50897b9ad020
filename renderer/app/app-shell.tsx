import type { ComponentType } from 'react';
import { AgentsScreen } from '../features/agents/agents-screen';
import { AlertsScreen } from '../features/alerts/alerts-screen';
import { AuditScreen } from '../features/audit/audit-screen';
import { ExperimentsScreen } from '../features/experiments/experiments-screen';
import { MonitorScreen } from '../features/monitor/monitor-screen';
import { NotificationsScreen } from '../features/notifications/notifications-screen';
import { DesktopSettingsScreen } from '../features/settings/desktop-settings-screen';
import { AllClientsScreen } from '../features/workspaces/all-clients-screen';
import { WorkspaceGate } from '../features/workspaces/workspace-gate';
import { useWorkspaceStore } from '../ipc/workspace-store';
import { useLiveUpdates } from '../ipc/use-live-updates';
import { AppHeader } from './app-header';
import { ConnectionBanner } from './connection-banner';
import { ErrorText } from './error-text';
import { NavBar } from './nav-bar';
import { useRoute, type RouteId } from './routes';
import { useDeepLinks } from './use-deep-links';
import { useRevealTarget } from './use-reveal-target';

const SCREENS: Record<RouteId, ComponentType> = {
  agents: AgentsScreen,
  monitor: MonitorScreen,
  audit: AuditScreen,
  alerts: AlertsScreen,
  experiments: ExperimentsScreen,
  notifications: NotificationsScreen,
  clients: AllClientsScreen,
  desktop: DesktopSettingsScreen,
};

export function AppShell() {
  useLiveUpdates();
  return (
    <WorkspaceGate>
      <Workspace />
    </WorkspaceGate>
  );
}

function Workspace() {
  const route = useRoute();
  // A screen's own state (filters, a half-built agent, a selected decision) belongs to the workspace it was made in.
  const workspaceId = useWorkspaceStore((state) => state.current);
  useRevealTarget();
  const linkError = useDeepLinks();
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
        <ErrorText error={linkError} what="Could not open the link" />
        <Screen key={workspaceId} />
      </main>
    </div>
  );
}

/** `#main` would be read as a route; move focus by hand instead. */
function skipToMain(event: { preventDefault(): void }): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
