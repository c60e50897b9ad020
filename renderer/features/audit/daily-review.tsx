import type { ReactNode } from 'react';
import type { DailyDigestView } from '@shared/ipc/channels/audit';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatPercent } from '@renderer/shared/describe';
import { formatShortTime } from '@renderer/shared/format';

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

function Exceptions({ x }: { x: DailyDigestView['exceptions'] }) {
  return (
    <>
      <Exception
        title="Escalations waiting for a person"
        items={x.escalationsWaiting.map(
          (d) => `${formatShortTime(d.createdAt)} ${d.agent} on ${d.campaignId}: ${d.change}, confidence ${formatPercent(d.confidence)}`,
        )}
      />
      <Exception
        title="Blocked actions"
        items={x.blocked.map((d) => `${formatShortTime(d.createdAt)} ${d.agent} on ${d.campaignId}: ${d.change}. ${d.note ?? d.reasoning}`)}
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
            `${o.agent} on ${o.campaignId}: ${o.metric} predicted ${o.predicted.toFixed(1)} (${o.low80.toFixed(1)} to ${o.high80.toFixed(1)}), actual ${o.actual.toFixed(1)}`,
        )}
      />
      <Exception title="Goals at risk" items={x.goalsAtRisk.map((a) => `${a.agent ?? 'Account'}: ${a.message} (${a.state})`)} />
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
      <h2>Daily review{data ? ` ${data.date} (UTC)` : ''}</h2>
      <ErrorText error={review.error} what="Could not load the daily review" />
      {data && x && s && (
        <>
          <p>
            <strong>{waiting === 0 ? 'Nothing needs you today.' : `Needs you: ${waiting} item${waiting === 1 ? '' : 's'}`}</strong>
          </p>
          <Exceptions x={x} />
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
