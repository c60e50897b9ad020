import { AcmError } from '@shared/errors';
import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { Services, WorkspaceDirectory } from '@ipc/services';

/** An app of one workspace over the given services, as the host would list it: what IPC tests that are not about workspaces need. */
export function oneWorkspace(services: Services): WorkspaceDirectory {
  const summary = (): WorkspaceSummary => ({
    id: 1,
    name: services.account.name,
    currency: services.account.currency,
    timezone: services.account.timezone,
    openAlerts: (({ critical, warning, info }) => ({ critical, warning, info }))(services.records.alerts.countOpen()),
    agents: { active: services.records.agents.list({ status: 'active' }).length, paused: services.records.agents.list({ status: 'paused' }).length },
    accounts: [{ platform: services.account.platform, name: services.account.name, connected: true }],
  });
  const only = (id: number) => {
    if (id !== 1) throw new AcmError('NOT_FOUND', `no workspace ${id}`);
    return summary();
  };
  return {
    list: () => [summary()],
    create: () => Promise.reject(new AcmError('FORBIDDEN', 'this test app has one workspace')),
    open: only,
    rename: () => {
      throw new AcmError('FORBIDDEN', 'this test app keeps its one name');
    },
    current: summary,
    exceptions: () => [],
    pauseAll: () => ({ workspaces: [{ workspaceId: 1, ...services.runtime.pauseAll() }] }),
    resumeAll: () => ({ workspaces: [{ workspaceId: 1, agentIds: services.runtime.resumeAll(), recorded: true }] }),
    checkMetaToken: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Meta account')),
    connectMeta: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Meta account')),
    googleClient: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Google Ads account')),
    saveGoogleClient: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Google Ads account')),
    startGoogleSignIn: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Google Ads account')),
    finishGoogleSignIn: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Google Ads account')),
    cancelGoogleSignIn: () => ({ cancelled: false }),
    connectGoogle: () => Promise.reject(new AcmError('UNAVAILABLE', 'this test app connects no Google Ads account')),
    services: (id) => {
      if (id !== undefined) only(id);
      return services;
    },
    onEvent: (listener) => services.events.subscribe((event, payload) => listener(event, payload, 1)),
  };
}
