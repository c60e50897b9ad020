import { useMemo } from 'react';
import { useAcmQuery } from '@renderer/ipc/use-acm-query';
import { EChart, themeColors, type ChartOption } from '@renderer/shared/echart';
import { formatDay, formatMoney, formatMoneyTick, formatNumber } from '@renderer/shared/format';

type Metric = 'roas' | 'cpa' | 'spend';
const TITLES: Record<Metric, string> = { roas: 'ROAS', cpa: 'CPA', spend: 'Spend per day' };

/** ROAS, CPA and spend per local day of an agent's campaigns (days of the account's zone), each with its goal as a dashed line. */
export function KpiCharts({ agentId, agentName, currency }: { agentId: string; agentName: string; currency: string }) {
  const kpis = useAcmQuery('monitor.kpis', { agentId });
  if (kpis.error)
    return (
      <p className="error" role="alert">
        KPIs unavailable: {kpis.error.message}
      </p>
    );
  if (!kpis.data) return <p role="status">Loading KPIs…</p>;
  if (kpis.data.days.length === 0) return <p className="muted">No reported spend yet: the charts fill in as the platform reports hours.</p>;
  return (
    <div className="kpi-charts">
      {(['roas', 'cpa', 'spend'] as const).map((metric) => (
        <KpiChart
          key={metric}
          metric={metric}
          data={kpis.data}
          label={`${TITLES[metric]} of ${agentName}, by day in ${kpis.data.timezone}`}
          currency={currency}
        />
      ))}
    </div>
  );
}

function KpiChart({
  metric,
  data,
  label,
  currency,
}: {
  metric: Metric;
  /** Each day by the instant of its local midnight in `timezone`. */
  data: { days: { day: number; roas: number | null; cpa: number | null; spend: number }[]; goals: Partial<Record<Metric, number>>; timezone: string };
  label: string;
  currency: string;
}) {
  const option = useMemo((): ChartOption => {
    const c = themeColors();
    const goal = data.goals[metric];
    return {
      grid: { left: 56, right: 16, top: 28, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) =>
          typeof v !== 'number' ? '–' : metric === 'roas' ? `${formatNumber(v, { min: 2, max: 2 })}x` : formatMoney(v, currency),
      },
      legend: { show: false },
      xAxis: {
        type: 'category',
        data: data.days.map((d) => formatDay(d.day, data.timezone)),
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.border } },
      },
      yAxis: {
        type: 'value',
        name: TITLES[metric],
        nameTextStyle: { color: c.muted },
        axisLabel: {
          color: c.muted,
          formatter: metric === 'roas' ? (v: number) => `${formatNumber(v, { max: 2 })}x` : (v: number) => formatMoneyTick(v, currency),
        },
        splitLine: { lineStyle: { color: c.border } },
      },
      series: [
        {
          name: TITLES[metric],
          type: 'line',
          data: data.days.map((d) => (d[metric] === null ? null : Number(d[metric]!.toFixed(2)))),
          lineStyle: { color: c.accent, width: 2 },
          itemStyle: { color: c.accent },
          markLine:
            goal === undefined
              ? undefined
              : { symbol: 'none', label: { formatter: 'goal', color: c.muted }, lineStyle: { color: c.active, type: 'dashed' }, data: [{ yAxis: goal }] },
        },
      ],
    };
  }, [metric, data, currency]);
  return (
    <figure className="kpi-chart">
      <figcaption>
        {TITLES[metric]} <span className="muted small">(days in {data.timezone})</span>
      </figcaption>
      <EChart option={option} label={label} height={180} />
    </figure>
  );
}
