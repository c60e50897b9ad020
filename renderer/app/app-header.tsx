import { formatSpeed } from '../shared/format';
import { WorkspaceSwitcher } from '../features/workspaces/workspace-switcher';
import { ZonedTime } from '../features/workspaces/zoned-time';
import { useAcmQuery } from '../ipc/use-acm-query';
import { AgentsToolbar } from './agents-toolbar';

export function AppHeader() {
  const info = useAcmQuery('app.info');
  return (
    <header className="app-header">
      <span className="brand">Agentic Campaign Manager</span>
      <WorkspaceSwitcher />
      {info.data && (
        <>
          <span className="account" aria-label="Account">
            {info.data.account.name}{' '}
            <span className="muted">
              · {info.data.account.currency} · {info.data.account.timezone}
            </span>
          </span>
          <span className="clock" aria-label="Simulated time">
            <ZonedTime ms={info.data.clock.now} zone={info.data.account.timezone} style="long" />{' '}
            <span className="muted">({formatSpeed(info.data.clock.speed)})</span>
          </span>
        </>
      )}
      <AgentsToolbar />
      {info.error && (
        <span className="account" role="alert">
          Account details unavailable: {info.error.message}
        </span>
      )}
    </header>
  );
}
