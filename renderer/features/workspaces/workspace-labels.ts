import type { WorkspaceException, WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { RouteId } from '@renderer/app/routes';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 critical, 1 warning", or "no open alerts": what the switcher says of a workspace. */
export function openAlertsText({ openAlerts }: Pick<WorkspaceSummary, 'openAlerts'>): string {
  const parts = [openAlerts.critical > 0 && `${openAlerts.critical} critical`, openAlerts.warning > 0 && plural(openAlerts.warning, 'warning')].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no open alerts';
}

/** One entry of the switcher: the workspace's name, then its open alerts. */
export const switcherLabel = (workspace: WorkspaceSummary): string => `${workspace.name} — ${openAlertsText(workspace)}`;

export const EXCEPTION_LABEL: Record<WorkspaceException['kind'], string> = {
  escalation: 'Waiting for approval',
  blocked: 'Action blocked',
  goal_at_risk: 'Goal at risk',
  connection: 'Connection broken',
  other: 'Needs a look',
};

/** The screen where an exception is dealt with: an alert is answered in Alerts, a decision read in the Audit trail. */
export function screenOf(exception: WorkspaceException): RouteId {
  if (exception.alertId) return 'alerts';
  if (exception.decisionId) return 'audit';
  return 'monitor';
}
