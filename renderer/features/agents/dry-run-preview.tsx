import type { DryRunView } from '@shared/ipc/channels/agents';
import { describeChange, formatMetric, formatPercent } from '@renderer/shared/describe';
import { useNames } from '@renderer/shared/use-names';

const VERDICT: Record<DryRunView['proposals'][number]['verdict'], string> = {
  execute: 'would execute',
  escalate: 'would wait for your approval',
  block: 'would be blocked',
};

/** What the agent would do now, one cycle, nothing executed. */
export function DryRunPreview({ preview }: { preview: DryRunView }) {
  const names = useNames();
  return (
    <section className="card preview" aria-label="Preview">
      <h3>Preview: what this agent would do now</h3>
      <p className="muted small">
        Nothing was sent to the platform. Learned from {preview.daysObserved} day{preview.daysObserved === 1 ? '' : 's'} of reported data.
      </p>
      {preview.proposals.length === 0 && <p>No change now: every campaign would be left as it is.</p>}
      <ul>
        {preview.proposals.map((p) => (
          <li key={p.campaignId}>
            <strong>{p.campaignName}</strong>: {describeChange(p.before, p.after, names.currency)} — {VERDICT[p.verdict]}
            {p.findings.length > 0 && <span className="muted"> ({p.findings.join('; ')})</span>}
            <div className="muted small">
              Predicts {formatMetric(p.prediction.metric, p.prediction.point, names.currency)} {p.prediction.metric} (80%:{' '}
              {formatMetric(p.prediction.metric, p.prediction.low80, names.currency)}–{formatMetric(p.prediction.metric, p.prediction.high80, names.currency)}),
              confidence {formatPercent(p.confidence)}
            </div>
            <p className="reasoning">{p.reasoning}</p>
          </li>
        ))}
      </ul>
      {preview.held.length > 0 && (
        <>
          <h4>Left alone</h4>
          <ul>
            {preview.held.map((h) => (
              <li key={h.campaignId}>
                {names.campaign(h.campaignId)}: {h.why}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.atRisk.length > 0 && <p className="error">Goals at risk: {preview.atRisk.join('; ')}</p>}
    </section>
  );
}
