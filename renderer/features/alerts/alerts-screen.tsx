import { EmptyState } from '@renderer/app/empty-state';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatPercent } from '@renderer/shared/describe';
import { useNames } from '@renderer/shared/use-names';
import { ZonedTime } from '../workspaces/zoned-time';
import { AlertItem } from './alert-item';

export function AlertsScreen() {
  const alerts = useAcmQuery('alerts.list', {});
  const names = useNames();
  return (
    <>
      <h1>Alerts</h1>
      <ErrorText error={alerts.error} what="Could not load the alerts" />
      {alerts.isPending && <p role="status">Loading alerts…</p>}
      {alerts.data && alerts.data.items.length === 0 && alerts.data.conflicts.length === 0 && (
        <EmptyState title="No alerts">
          <p>
            Decisions waiting for your approval, actions a guardrail blocked, conflicts between agents and circuit breaks appear here, so you can approve,
            reject or look into them.
          </p>
          <p>Nothing needs your attention now.</p>
        </EmptyState>
      )}
      {alerts.data && alerts.data.items.length > 0 && (
        <ul className="alert-list" aria-label="Alerts">
          {alerts.data.items.map((item) => (
            <AlertItem key={item.alert.id} item={item} />
          ))}
        </ul>
      )}
      {alerts.data && alerts.data.conflicts.length > 0 && (
        <section aria-label="Conflicts">
          <h2>Conflicts</h2>
          <ul className="alert-list">
            {alerts.data.conflicts.map((c) => (
              <li key={c.id} className="card">
                <p>
                  <ZonedTime ms={c.createdAt} zone={names.timezone} /> · {names.campaign(c.campaignId)} ({c.setting}): {names.agent(c.winnerAgentId)} won over{' '}
                  {names.agent(c.loserAgentId)} by {c.rule}.
                </p>
                <p>
                  <strong>Dissent of {names.agent(c.loserAgentId)}</strong> (confidence {formatPercent(c.loserProposal.confidence)}):
                </p>
                <p className="reasoning">{c.loserProposal.reasoning}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
