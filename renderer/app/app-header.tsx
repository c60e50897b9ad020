import { formatSimulatedTime, formatSpeed } from '../shared/format';
import { useAcmQuery } from '../ipc/use-acm-query';
import { AgentsToolbar } from './agents-toolbar';

export function AppHeader() {
  const info = useAcmQuery('app.info');
  return (
    <header className="app-header">
      <span className="brand">Agentic Campaign Manager</span>
      {info.data && (
        <>
          <span className="account" aria-label="Account">
            {info.data.account.name} <span className="muted">· {info.data.account.currency}</span>
          </span>
          <span className="clock" aria-label="Simulated time">
            <time dateTime={new Date(info.data.clock.now).toISOString()}>{formatSimulatedTime(info.data.clock.now)}</time>{' '}
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
