import { useMemo } from 'react';
import type { DecisionView } from '@shared/ipc/channels/decisions';
import { metricLabel } from '@renderer/shared/describe';
import { EChart, themeColors, type ChartOption } from '@renderer/shared/echart';

/** The prediction's 80% interval as a band, its point and the baseline as marks, and the actual outcome once known. */
export function PredictionChart({ prediction, actual }: { prediction: DecisionView['prediction']; actual: number | null }) {
  const option = useMemo((): ChartOption => {
    const c = themeColors();
    const rows = ['Predicted', ...(prediction.baseline === undefined ? [] : ['Unchanged']), ...(actual === null ? [] : ['Actual'])];
    const at = (name: string, value: number | null) => rows.map((r) => (r === name ? value : null));
    return {
      grid: { left: 90, right: 24, top: 16, bottom: 28 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', scale: true, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.border } } },
      yAxis: { type: 'category', data: rows, axisLabel: { color: c.text }, axisLine: { lineStyle: { color: c.border } } },
      series: [
        { type: 'bar', stack: 'interval', data: at('Predicted', prediction.low80), itemStyle: { color: 'transparent' }, barWidth: 18, silent: true },
        {
          name: '80% interval',
          type: 'bar',
          stack: 'interval',
          data: at('Predicted', prediction.high80 - prediction.low80),
          itemStyle: { color: c.accent, opacity: 0.3 },
          barWidth: 18,
        },
        { name: 'Predicted', type: 'scatter', data: at('Predicted', prediction.point), itemStyle: { color: c.accent }, symbolSize: 14 },
        { name: 'Unchanged', type: 'scatter', data: at('Unchanged', prediction.baseline ?? null), itemStyle: { color: c.muted }, symbolSize: 12 },
        { name: 'Actual', type: 'scatter', data: at('Actual', actual), itemStyle: { color: c.active }, symbol: 'diamond', symbolSize: 16 },
      ],
    };
  }, [prediction, actual]);
  return (
    <EChart
      option={option}
      label={`Predicted ${metricLabel(prediction.metric)} with its 80% interval${actual === null ? '' : ', against the actual outcome'}`}
      height={150}
    />
  );
}
