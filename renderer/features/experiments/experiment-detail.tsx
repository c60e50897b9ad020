import { useId } from 'react';
import { ErrorText } from '@renderer/app/error-text';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { formatInZone } from '@renderer/shared/format';
import { useNames } from '@renderer/shared/use-names';
import { AssignmentView } from './assignment-view';
import { localDateText, powerText, sentence, statusText } from './experiment-text';
import { ExportExperimentButton } from './export-experiment-button';
import { GroupDaysTable } from './group-days-table';
import { LiftTable } from './lift-table';
import { RunningChart } from './running-chart';
import { StopExperiment } from './stop-experiment';

/** One experiment: its verdict first, then how the estimate moved, the lifts, how they were computed, the groups and the days behind them. */
export function ExperimentDetail({ id }: { id: string }) {
  const headingId = useId();
  const names = useNames();
  const answer = useAcmQuery('experiments.get', { id });
  if (answer.error) return <ErrorText error={answer.error} what="Could not load the experiment" />;
  if (!answer.data) return <p role="status">Loading the experiment…</p>;
  const { experiment, analysis, days, timezone, currency } = answer.data;
  return (
    <section className="card experiment-detail" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{experiment.name}</h2>
        <span className={`pill experiment-${experiment.status}`}>{statusText(experiment.status)}</span>
        <div className="controls">
          <ExportExperimentButton id={experiment.id} />
          {experiment.status === 'running' && <StopExperiment id={experiment.id} name={experiment.name} />}
        </div>
      </div>
      <p className="muted">
        {localDateText(experiment.startDate)} to {localDateText(experiment.endDate)} ({experiment.durationDays} days, after a pre-period of {experiment.preDays}{' '}
        days; days in {timezone}). Agents tested: {experiment.agentIds.map(names.agent).join(', ')}.
      </p>
      {experiment.stopped && (
        <p>
          Stopped {formatInZone(experiment.stopped.at, timezone)}: {experiment.stopped.reason}
        </p>
      )}
      <section className="verdict" aria-label="Verdict">
        <p>{sentence(analysis.verdict)}</p>
      </section>
      <RunningChart running={analysis.running} timezone={timezone} />
      {analysis.lift ? (
        <LiftTable lift={analysis.lift} />
      ) : (
        <p className="muted">No lift to report yet: it is estimated once the test has complete days to compare.</p>
      )}
      <p className="method">
        <strong>Method.</strong> {analysis.method}
      </p>
      <p className="muted small">At the start: {powerText(experiment.power)}</p>
      <AssignmentView assignment={experiment.assignment} campaignName={names.campaign} currency={currency} />
      <GroupDaysTable days={days} currency={currency} timezone={timezone} />
    </section>
  );
}
