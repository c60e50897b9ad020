import { useMemo } from 'react';
import type { ExperimentAnalysis } from '@shared/domain/experiment';
import { EChart, themeColors } from '@renderer/shared/echart';
import { levelText, liftText, localDateText } from './experiment-text';
import { runningChartOption } from './running-chart-option';

/** The ROAS lift as it stood after each test day, with its interval as a band; the verdict and lift table beside it say the same in words. */
export function RunningChart({ running, timezone }: { running: ExperimentAnalysis['running']; timezone: string }) {
  const level = levelText();
  const option = useMemo(() => runningChartOption(running, themeColors(), level), [running, level]);
  const latest = running.at(-1);
  return (
    <figure className="running-chart">
      <figcaption>
        Running ROAS lift, with its {level} interval <span className="muted small">(days in {timezone})</span>
      </figcaption>
      {latest ? (
        <EChart
          option={option}
          label={`Running ROAS lift of the treatment over the holdout, by day in ${timezone}, with its ${level} interval; ${liftText(latest)} as of ${localDateText(latest.date)}`}
        />
      ) : (
        <p className="muted">The estimate starts after the first complete day of the test.</p>
      )}
    </figure>
  );
}
