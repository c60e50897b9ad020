import type { ExperimentAnalysis } from '@shared/domain/experiment';
import type { ChartOption } from '@renderer/shared/echart';
import { localDayText, signedPercent } from './experiment-text';

type Running = ExperimentAnalysis['running'];

export interface ChartColors {
  text: string;
  muted: string;
  border: string;
  accent: string;
}

const percent = (share: number) => Number((share * 100).toFixed(2));

/**
 * The running ROAS lift as a line, its interval as a band around it, and zero (no lift) as a
 * dashed line. The band is the interval's low edge, drawn invisible, with the interval's width
 * stacked on it; stacking across signs (`all`) keeps the band right when it straddles zero.
 */
export function runningChartOption(running: Running, colors: ChartColors, level: string): ChartOption {
  const band = 'interval';
  return {
    grid: { left: 56, right: 16, top: 28, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }[])[0]?.dataIndex;
        const day = index === undefined ? undefined : running[index];
        if (!day) return '';
        return `${localDayText(day.date)}<br/>${signedPercent(day.estimate)} (${level}: ${signedPercent(day.low)} to ${signedPercent(day.high)})`;
      },
    },
    legend: { show: false },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: running.map((d) => localDayText(d.date)),
      axisLabel: { color: colors.muted },
      axisLine: { lineStyle: { color: colors.border } },
    },
    yAxis: {
      type: 'value',
      name: 'ROAS lift',
      nameTextStyle: { color: colors.muted },
      axisLabel: { color: colors.muted, formatter: (v: number) => `${v > 0 ? '+' : ''}${v}%` },
      splitLine: { lineStyle: { color: colors.border } },
    },
    series: [
      {
        name: 'low',
        type: 'line',
        stack: band,
        stackStrategy: 'all',
        data: running.map((d) => percent(d.low)),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        silent: true,
      },
      {
        name: `${level} interval`,
        type: 'line',
        stack: band,
        stackStrategy: 'all',
        data: running.map((d) => percent(d.high - d.low)),
        lineStyle: { opacity: 0 },
        areaStyle: { color: colors.accent, opacity: 0.2 },
        symbol: 'none',
        silent: true,
      },
      {
        name: 'Estimate',
        type: 'line',
        data: running.map((d) => percent(d.estimate)),
        lineStyle: { color: colors.accent, width: 2 },
        itemStyle: { color: colors.accent },
        showSymbol: running.length < 2,
        markLine: {
          symbol: 'none',
          label: { formatter: 'no lift', position: 'insideEndTop', color: colors.muted },
          lineStyle: { color: colors.muted, type: 'dashed' },
          data: [{ yAxis: 0 }],
        },
      },
    ],
  };
}
