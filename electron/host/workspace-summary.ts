import type { AlertKind } from '@shared/domain/alert';
import type { WorkspaceException, WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { Services } from '../ipc/services';
import type { AccountConnection } from './account-connection';

/** What the host knows of one open workspace, enough to describe it. */
export interface WorkspaceView {
  id: number;
  name: string;
  currency: string;
  timezone: string;
  services: Services;
  /** The account's connection to its platform, when it has one to lose. */
  connection?: AccountConnection;
  /** Why the account may only be read, when it may (HostAccount.recommendOnly). */
  recommendOnly?: string;
}

const EXCEPTION_OF: Record<AlertKind, WorkspaceException['kind']> = {
  escalation: 'escalation',
  blocked: 'blocked',
  goal_at_risk: 'goal_at_risk',
  circuit_break: 'connection',
  low_confidence: 'escalation',
  conflict: 'other',
  audit: 'other',
};

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * An account whose credential the platform refused needs reconnecting; a platform the circuit
 * breaker has stopped calling is a connection a person must look at too. Says why, when it is not
 * connected. The alert of a connection lost before a restart stays open for a person to read, but
 * the account it names is connected again once its new credential was taken.
 */
function connectionOf(workspace: WorkspaceView): { connected: boolean; reason?: string } {
  const { connection } = workspace;
  const state = connection?.state();
  if (state && !state.connected) return state;
  const broken = workspace.services.records.alerts
    .list({ states: ['open'] })
    .find((a) => a.kind === 'circuit_break' && !(connection && a.message.startsWith(connection.lossHeadline)));
  return broken ? { connected: false, reason: broken.message } : { connected: true };
}

export function summarize(workspace: WorkspaceView): WorkspaceSummary {
  const { records, account } = workspace.services;
  const open = records.alerts.countOpen();
  const agents = records.agents.list().filter((a) => a.status !== 'terminated');
  const active = agents.filter((a) => (workspace.services.runtime.statusInEffect(a.id) ?? a.status) === 'active').length;
  return {
    id: workspace.id,
    name: workspace.name,
    currency: workspace.currency,
    timezone: workspace.timezone,
    openAlerts: { critical: open.critical, warning: open.warning, info: open.info },
    agents: { active, paused: agents.length - active },
    accounts: [
      {
        platform: account.platform,
        name: account.name,
        ...connectionOf(workspace),
        ...(workspace.recommendOnly !== undefined && { recommendOnly: workspace.recommendOnly }),
      },
    ],
  };
}

/** The newest open alerts each workspace contributes: a client with thousands waiting still leaves room for the others. */
const EXCEPTIONS_PER_WORKSPACE = 200;

/** The open alerts of every workspace, the most severe and then the newest first. */
export function exceptionsOf(workspaces: readonly WorkspaceView[]): WorkspaceException[] {
  return workspaces
    .flatMap((w) =>
      w.services.records.alerts.list({ states: ['open'], limit: EXCEPTIONS_PER_WORKSPACE }).map((alert): WorkspaceException => ({
        workspaceId: w.id,
        workspaceName: w.name,
        kind: EXCEPTION_OF[alert.kind],
        severity: alert.severity,
        message: alert.message,
        createdAt: alert.createdAt,
        timezone: w.timezone,
        alertId: alert.id,
        ...(alert.decisionId !== undefined && { decisionId: alert.decisionId }),
        ...(alert.agentId !== undefined && { agentId: alert.agentId }),
      })),
    )
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.createdAt - a.createdAt);
}
