import type { ResponseOf } from '@shared/ipc/contract';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatPercent } from '@renderer/shared/describe';

type Figures = ResponseOf<'decisions.outcomeStats'>['overall'];

function FiguresRow({ name, f }: { name: string; f: Figures }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{f.count}</td>
      <td>{f.count ? formatPercent(f.directional) : '–'}</td>
      <td>{f.count ? formatPercent(f.coverage80) : '–'}</td>
      <td>{f.mape === null ? '–' : formatPercent(f.mape, 1)}</td>
    </tr>
  );
}

/** How well the agents' predictions held once their windows closed: a calibrated agent covers about 80%. */
export function OutcomeStatsPanel() {
  const stats = useAcmQuery('decisions.outcomeStats', {});
  return (
    <section className="card" aria-label="Outcome accuracy">
      <h2>Outcome accuracy</h2>
      <ErrorText error={stats.error} what="Could not load the outcome statistics" />
      {stats.data &&
        (stats.data.overall.count === 0 ? (
          <p className="muted">No outcome yet: a decision's actual effect is measured two days after its 3-day window closes.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Outcomes</th>
                <th scope="col">Directional accuracy</th>
                <th scope="col">Interval coverage (80%)</th>
                <th scope="col">MAPE</th>
              </tr>
            </thead>
            <tbody>
              <FiguresRow name="All agents" f={stats.data.overall} />
              {stats.data.byAgent.map((a) => (
                <FiguresRow key={a.agentId} name={a.agentName} f={a} />
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
