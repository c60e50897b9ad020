import { ErrorText } from '@renderer/app/error-text';
import { useAcmMutation } from '@renderer/ipc/use-acm-mutation';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { describeChange, formatMetric, formatPercent, metricLabel } from '@renderer/shared/describe';
import { useNames } from '@renderer/shared/use-names';
import { ZonedTime } from '../workspaces/zoned-time';
import { useAuditStore } from './audit-store';
import { PredictionChart } from './prediction-chart';

const REFRESH = ['decisions.', 'monitor.', 'alerts.', 'campaigns.'];

const OVERRIDE_QUESTION =
  "Undo this change even if it breaks the agent's own limits (budget bounds, step size, spend limit) or the agent is paused? The account's policies and caps still apply, and the undo is recorded as your decision.";

/** What the forecast assumed of the platform's reports (the engine keeps it with the metrics), if anything. */
function assumptionsOf(metrics: unknown): string[] {
  const list = typeof metrics === 'object' && metrics !== null ? (metrics as { assumptions?: unknown }).assumptions : undefined;
  return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
}

/** Everything recorded about one decision: why, how sure, what it expected against what happened, and its history. */
export function DecisionDetail({ id }: { id: string }) {
  const detail = useAcmQuery('decisions.get', { id });
  const undo = useAcmMutation('decisions.undo', REFRESH);
  const select = useAuditStore((s) => s.select);
  const names = useNames();
  if (detail.error) return <ErrorText error={detail.error} what="Could not load the decision" />;
  if (!detail.data) return <p role="status">Loading the decision…</p>;
  const { decision: d, outcome, related, chain } = detail.data;
  const m = (v: number) => formatMetric(d.prediction.metric, v, names.currency);
  const assumptions = assumptionsOf(d.metrics);
  return (
    <section className="card decision-detail" aria-label="Decision detail">
      <h2>
        {describeChange(d.before, d.after, names.currency)} <span className={`pill state-${d.state}`}>{d.state}</span>
      </h2>
      <p className="muted">
        {names.agent(d.agentId)} on {names.campaign(d.campaignId)}, <ZonedTime ms={d.createdAt} zone={names.timezone} style="long" />
      </p>
      {d.state === 'executed' && (
        <p>
          <button type="button" disabled={undo.isPending} onClick={() => undo.mutate({ id: d.id }, { onSuccess: (u) => select(u.id) })}>
            Undo
          </button>{' '}
          <button
            type="button"
            disabled={undo.isPending}
            onClick={() => {
              if (window.confirm(OVERRIDE_QUESTION)) undo.mutate({ id: d.id, overrideLimits: true }, { onSuccess: (u) => select(u.id) });
            }}
          >
            Undo, overriding the agent's limits…
          </button>{' '}
          <span className="muted small">
            sends the value before this change back to the platform, as a new logged decision, within the agent's limits in force unless you override them
          </span>
        </p>
      )}
      <ErrorText error={undo.error} what="Undo failed" />
      <h3>Reasoning</h3>
      <p className="reasoning">{d.reasoning}</p>
      <dl className="facts">
        <dt>Confidence</dt>
        <dd>{formatPercent(d.confidence)}</dd>
        <dt>Prediction</dt>
        <dd>
          {metricLabel(d.prediction.metric)} {m(d.prediction.point)} over {d.prediction.windowHours / 24} days (80% interval {m(d.prediction.low80)} to{' '}
          {m(d.prediction.high80)}){d.prediction.baseline !== undefined && <> against {m(d.prediction.baseline)} unchanged</>}
        </dd>
        {assumptions.length > 0 && (
          <>
            <dt>The forecast assumes</dt>
            <dd>{assumptions.join(' ')}</dd>
          </>
        )}
        <dt>Actual outcome</dt>
        <dd>
          {outcome
            ? `${m(outcome.actual)}: ${outcome.withinInterval ? 'inside' : 'outside'} the 80% interval, ${outcome.directionCorrect ? 'in the predicted direction' : 'against the predicted direction'}`
            : 'not judged yet: the outcome is recorded two days after the prediction window closes'}
        </dd>
        {d.approvedBy && (
          <>
            <dt>Approved by</dt>
            <dd>{d.approvedBy}</dd>
          </>
        )}
        {d.error && (
          <>
            <dt>Note</dt>
            <dd>{d.error}</dd>
          </>
        )}
      </dl>
      <PredictionChart prediction={d.prediction} actual={outcome?.actual ?? null} />
      <h3>State history</h3>
      <ol className="chain">
        {chain.map((entry, i) => (
          <li key={i}>
            <span className={`pill state-${entry.state}`}>{entry.state}</span> <ZonedTime ms={entry.at} zone={names.timezone} style="long" />{' '}
            {entry.note && <span className="muted">— {entry.note}</span>}
          </li>
        ))}
      </ol>
      {related.length > 0 && (
        <>
          <h3>Related</h3>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => select(r.id)}>
                  {r.parentDecisionId === d.id ? 'The undo of this decision' : 'The decision this one undoes'}:{' '}
                  {describeChange(r.before, r.after, names.currency)} ({r.state})
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Metrics it saw</h3>
      <pre className="metrics">{JSON.stringify(d.metrics, null, 2)}</pre>
    </section>
  );
}
