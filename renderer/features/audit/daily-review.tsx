import type { ReactNode } from 'react';
import type { DailyDigestView } from '@shared/ipc/channels/audit';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatMetric, formatPercent } from '@renderer/shared/describe';
import { ZonedTime } from '../workspaces/zoned-time';

function Exception({ title, items }: { title: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** The exceptions of a day, times on the workspace's clock and amounts in its currency as the digest states them. */
function Exceptions({ digest }: { digest: DailyDigestView }) {
  const { exceptions: x, timezone, currency } = digest;
  const at = (ms: number) => <ZonedTime ms={ms} zone={timezone} />;
  const value = (metric: string, v: number) => formatMetric(metric, v, currency);
  return (
    <>
      <Exception
        title="Escalations waiting for a person"
        items={x.escalationsWaiting.map((d) => (
          <>
            {at(d.createdAt)} {d.agent} on {d.campaignId}: {d.change}, confidence {formatPercent(d.confidence)}
          </>
        ))}
      />
      <Exception
        title="Blocked actions"
        items={x.blocked.map((d) => (
          <>
            {at(d.createdAt)} {d.agent} on {d.campaignId}: {d.change}. {d.note ?? d.reasoning}
          </>
        ))}
      />
      <Exception
        title="Conflicts with dissent"
        items={x.conflictsWithDissent.map(
          (c) => `${c.campaignId} ${c.setting}: ${c.winner} won over ${c.loser}${c.reviewed ? '' : ' (unreviewed)'}. Dissent: ${c.dissent}`,
        )}
      />
      <Exception
        title="Outcomes that missed their interval"
        items={x.missedOutcomes.map(
          (o) =>
            `${o.agent} on ${o.campaignId}: ${o.metric} predicted ${value(o.metric, o.predicted)} (${value(o.metric, o.low80)} to ${value(o.metric, o.high80)}), actual ${value(o.metric, o.actual)}`,
        )}
      />
      <Exception
        title="Goals at risk"
        items={x.goalsAtRisk.map((a) => (
          <>
            {at(a.createdAt)} {a.agent ?? 'Account'}: {a.message} ({a.state})
          </>
        ))}
      />
    </>
  );
}

/** The day's review as `acm audit digest` gives it: what needs a person first, then the rest counted. */
export function DailyReview() {
  const review = useAcmQuery('audit.dailyDigest', {});
  const data = review.data?.digest;
  const x = data?.exceptions;
  const waiting = x ? x.escalationsWaiting.length + x.blocked.length + x.conflictsWithDissent.length + x.missedOutcomes.length + x.goalsAtRisk.length : 0;
  const s = data?.summary;
  const decided = s ? Object.values(s.decisions).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="card" aria-label="Daily review">
      <h2>Daily review{data ? ` ${data.date}` : ''}</h2>
      <ErrorText error={review.error} what="Could not load the daily review" />
      {data && x && s && (
        <>
          <p className="muted small">
            The local day of {data.timezone}, midnight to midnight{data.hours === 24 ? '' : ` (a ${data.hours}-hour day)`}; amounts in {data.currency}.
          </p>
          <p>
            <strong>{waiting === 0 ? 'Nothing needs you today.' : `Needs you: ${waiting} item${waiting === 1 ? '' : 's'}`}</strong>
          </p>
          <Exceptions digest={data} />
          <h3>Everything else</h3>
          <ul className="muted">
            <li>
              {decided} decisions, {s.autonomous} executed without a person
            </li>
            {s.byAgent.map((a) => (
              <li key={a.agent}>
                {a.agent}: {a.decisions} decisions, {a.executed} executed
              </li>
            ))}
            <li>
              {s.outcomes.evaluated} outcomes evaluated, {s.outcomes.withinInterval} inside their 80% interval
            </li>
            <li>{s.alertsRaised} alerts raised</li>
          </ul>
        </>
      )}
    </section>
  );
}
