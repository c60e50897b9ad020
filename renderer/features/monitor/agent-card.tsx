import type { AgentMonitorView } from '@shared/ipc/channels/monitor';
import { hrefOf } from '@renderer/app/routes';
import { describeChange, formatMetric, formatPercent, goalText } from '@renderer/shared/describe';
import { formatMoney } from '@renderer/shared/format';
import { AgentControls } from '../agents/agent-controls';
import { useAuditStore } from '../audit/audit-store';
import { ZonedTime } from '../workspaces/zoned-time';
import { KpiCharts } from './kpi-chart';

interface AgentCardProps {
  agent: AgentMonitorView;
  /** The account's currency and IANA zone: amounts, times and days are shown in them. */
  currency: string;
  timezone: string;
  campaignName: (id: string) => string;
}

/** One agent at work: state, focus, goals, limits, what it did last, and its KPIs against goals. */
export function AgentCard({ agent, currency, timezone, campaignName }: AgentCardProps) {
  const select = useAuditStore((s) => s.select);
  return (
    <article className="card agent-card" aria-labelledby={`agent-${agent.id}`}>
      <header className="card-header">
        <h2 id={`agent-${agent.id}`}>{agent.name}</h2>
        <span className="muted">{agent.role}</span>
        <span className={`pill status-${agent.status}`}>{agent.status === 'active' ? 'Active' : 'Paused'}</span>
        <AgentControls agent={agent} />
      </header>
      <p className="focus">
        <span className="muted">Now: </span>
        {agent.focus}
      </p>
      <div className="card-columns">
        <section aria-label={`Goals of ${agent.name}`}>
          <h3>Goals</h3>
          {agent.goals.length === 0 && <p className="muted">No goals: the agent maximises its objective within its constraints.</p>}
          <ul className="goal-list">
            {agent.goals.map((g, i) => (
              <li key={i}>
                <span>{goalText(g.goal, currency)}</span>{' '}
                {g.actual === null ? (
                  <span className="muted">no complete day yet</span>
                ) : (
                  <span className={g.met ? 'status-active' : 'error'}>
                    {formatMetric(g.goal.metric, g.actual, currency)} over {g.days} day{g.days === 1 ? '' : 's'}: {g.met ? 'met' : 'not met'}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {agent.spendLimit && (
            <p>
              Spend limit: {formatMoney(agent.spendLimit.budgeted, currency)} of {formatMoney(agent.spendLimit.limit, currency)} a day budgeted
              <meter min={0} max={agent.spendLimit.limit} value={agent.spendLimit.budgeted} aria-label="Spend limit used" />
            </p>
          )}
          <LastReview report={agent.lastReview} timezone={timezone} />
        </section>
        <section aria-label={`Last actions of ${agent.name}`}>
          <h3>Last actions</h3>
          {agent.lastActions.length === 0 && (
            <p className="muted">No decisions yet. The agent reviews its campaigns daily at the account's midnight ({timezone}).</p>
          )}
          <ol className="action-list">
            {agent.lastActions.map((d) => (
              <li key={d.id}>
                <a href={hrefOf('audit')} onClick={() => select(d.id)}>
                  <ZonedTime ms={d.createdAt} zone={timezone} /> · {campaignName(d.campaignId)}
                </a>{' '}
                <span className={`pill state-${d.state}`}>{d.state}</span>
                <div>{describeChange(d.before, d.after, currency)}</div>
                <div className="muted small">
                  Predicts {formatMetric(d.prediction.metric, d.prediction.point, currency)} {d.prediction.metric} (80%:{' '}
                  {formatMetric(d.prediction.metric, d.prediction.low80, currency)}–{formatMetric(d.prediction.metric, d.prediction.high80, currency)}),
                  confidence {formatPercent(d.confidence)}
                </div>
                <p className="reasoning">{d.reasoning}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <KpiCharts agentId={agent.id} agentName={agent.name} currency={currency} />
    </article>
  );
}

/** What the latest review asked for, how much went ahead, and why not the rest (the arbiter, the guardrails, a person). */
function LastReview({ report, timezone }: { report: AgentMonitorView['lastReview']; timezone: string }) {
  if (!report) return null;
  return (
    <div aria-label="Last review">
      <h3>Last review</h3>
      <p>
        <ZonedTime ms={report.at} zone={timezone} />: asked for {report.asked} change{report.asked === 1 ? '' : 's'}, {report.granted} went ahead.
      </p>
      {report.why.length > 0 && (
        <ul className="muted small">
          {report.why.map((why, i) => (
            <li key={i}>{why}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
