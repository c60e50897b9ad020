import type { AlertItemView } from '@shared/ipc/channels/alerts';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { describeChange, formatMetric, formatPercent } from '@renderer/shared/describe';
import { useNames } from '@renderer/shared/use-names';
import { ZonedTime } from '../workspaces/zoned-time';

const REFRESH = ['alerts.', 'decisions.', 'monitor.', 'campaigns.'];

const KIND_LABEL: Record<AlertItemView['alert']['kind'], string> = {
  escalation: 'Waiting for approval',
  low_confidence: 'Waiting for approval (low confidence)',
  blocked: 'Blocked by a guardrail',
  circuit_break: 'Circuit breaker tripped',
  goal_at_risk: 'Goal at risk',
  conflict: 'Conflict between agents',
  audit: 'Audit trail needs attention',
};

/** One alert; an escalation still waiting shows its proposed change with Approve and Reject. */
export function AlertItem({ item }: { item: AlertItemView }) {
  const { alert, decision } = item;
  const names = useNames();
  const approve = useAcmMutation('decisions.approve', REFRESH);
  const reject = useAcmMutation('decisions.reject', REFRESH);
  const acknowledge = useAcmMutation('alerts.acknowledge', REFRESH);
  const busy = approve.isPending || reject.isPending || acknowledge.isPending;
  const waiting = decision?.state === 'escalated';
  return (
    <li
      id={`alert-${alert.id}`}
      className={`card alert-item severity-${alert.severity}`}
      aria-label={`${KIND_LABEL[alert.kind]}: ${alert.agentId ? names.agent(alert.agentId) : 'account'}`}
    >
      <header className="card-header">
        <span className={`pill severity-${alert.severity}`}>{alert.severity}</span>
        <strong>{KIND_LABEL[alert.kind]}</strong>
        <ZonedTime className="muted" ms={alert.createdAt} zone={names.timezone} />
        {alert.state === 'acknowledged' && <span className="muted">acknowledged</span>}
      </header>
      <p>{alert.message}</p>
      {decision && (
        <div className="alert-decision">
          <p>
            {names.campaign(decision.campaignId)}: {describeChange(decision.before, decision.after, names.currency)} · predicts{' '}
            {formatMetric(decision.prediction.metric, decision.prediction.point, names.currency)} {decision.prediction.metric}, confidence{' '}
            {formatPercent(decision.confidence)} · <span className={`pill state-${decision.state}`}>{decision.state}</span>
          </p>
          <p className="reasoning muted">{decision.reasoning}</p>
        </div>
      )}
      <div className="controls">
        {waiting && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => approve.mutate({ id: decision.id })}>
              Approve
            </button>
            <button type="button" disabled={busy} onClick={() => reject.mutate({ id: decision.id })}>
              Reject
            </button>
          </>
        )}
        {alert.state === 'open' && (
          <button type="button" disabled={busy} onClick={() => acknowledge.mutate({ id: alert.id })}>
            Acknowledge
          </button>
        )}
      </div>
      <ErrorText error={approve.error ?? reject.error ?? acknowledge.error} what="Could not answer the alert" />
    </li>
  );
}
