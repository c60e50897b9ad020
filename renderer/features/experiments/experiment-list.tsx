import type { ExperimentView } from '@shared/ipc/channels/experiments';
import { localDateText, statusText } from './experiment-text';

/** The workspace's experiments, newest first; choosing one opens it below. */
export function ExperimentList({
  experiments,
  selectedId,
  onSelect,
  campaignName,
}: {
  experiments: readonly ExperimentView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  campaignName: (id: string) => string;
}) {
  const names = (ids: string[]) => ids.map(campaignName).join(', ');
  return (
    <table className="data-table experiment-list">
      <caption>Experiments</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Dates</th>
          <th scope="col">Treatment</th>
          <th scope="col">Holdout</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((experiment) => (
          <tr key={experiment.id} aria-current={experiment.id === selectedId ? 'true' : undefined}>
            <th scope="row">
              <button type="button" className="link" onClick={() => onSelect(experiment.id)}>
                {experiment.name}
              </button>
            </th>
            <td>
              <span className={`pill experiment-${experiment.status}`}>{statusText(experiment.status)}</span>
            </td>
            <td>
              {localDateText(experiment.startDate)} – {localDateText(experiment.endDate)}
            </td>
            <td>{names(experiment.assignment.treatment)}</td>
            <td>{names(experiment.assignment.holdout)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
