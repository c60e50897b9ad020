import { describe, expect, it } from 'vitest';
import { runningChartOption } from '@renderer/features/experiments/running-chart-option';

const colors = { text: '#000', muted: '#666', border: '#ccc', accent: '#00f' };
const running = [
  { date: '2026-03-08', estimate: 0.05, low: -0.2, high: 0.3 },
  { date: '2026-03-09', estimate: 0.1, low: -0.05, high: 0.25 },
];

type Series = { name: string; data: number[]; stack?: string; stackStrategy?: string };

describe('the running estimate chart', () => {
  it('draws the estimate in percent, with its interval as a band stacked on the low edge across zero', () => {
    const option = runningChartOption(running, colors, '90%') as { series: Series[]; xAxis: { data: string[] } };
    const [low, width, estimate] = option.series;
    expect(low.data).toEqual([-20, -5]);
    expect(width.data).toEqual([50, 30]);
    expect(low.data.map((l, i) => l + width.data[i])).toEqual([30, 25]);
    expect(estimate.data).toEqual([5, 10]);
    expect(low.stack).toBe(width.stack);
    // The default strategy stacks same-sign values only, which would float the band off a low edge below zero.
    expect([low.stackStrategy, width.stackStrategy]).toEqual(['all', 'all']);
    expect(width.name).toBe('90% interval');
    expect(option.xAxis.data).toHaveLength(2);
  });
});
