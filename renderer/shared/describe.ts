import type { DecisionView } from '@shared/ipc/channels/decisions';
import { changeValueText } from '@shared/domain/decision';
import { formatMoney, formatNumber } from './format';

export { formatPercent } from './format';

type ChangeValue = DecisionView['before'];

function valueText(value: ChangeValue, currency: string): string {
  return changeValueText(value, (amount) => formatMoney(amount, currency));
}

const KIND_LABEL: Record<ChangeValue['kind'], string> = { budget: 'Budget', bid: 'Bid', status: 'Status', targeting: 'Targeting', creative: 'Creative' };

/** A change in words: "Budget $400.00 → $480.00". */
export function describeChange(before: ChangeValue, after: ChangeValue, currency: string): string {
  return `${KIND_LABEL[after.kind]} ${valueText(before, currency)} → ${valueText(after, currency)}`;
}

const METRIC_LABEL: Record<string, string> = { roas: 'ROAS', cpa: 'CPA', spend: 'Spend', conversions: 'Conversions', revenue: 'Revenue', profit: 'Profit' };
export const metricLabel = (metric: string): string => METRIC_LABEL[metric] ?? metric;

const MONEY_METRICS = new Set(['cpa', 'spend', 'revenue', 'profit']);

/** A metric's value as people read it: money in the account currency, ROAS as "4.20x", counts as numbers. */
export function formatMetric(metric: string, value: number, currency: string): string {
  if (MONEY_METRICS.has(metric)) return formatMoney(value, currency);
  if (metric === 'roas') return `${formatNumber(value, { min: 2, max: 2 })}x`;
  return formatNumber(value, { max: 1 });
}

export function goalText(goal: { metric: string; op: string; value: number; per: string; window: number }, currency: string): string {
  const per = goal.per === 'day' && ['spend', 'conversions', 'revenue'].includes(goal.metric) ? '/day' : '';
  return `${metricLabel(goal.metric)} ${goal.op === '>=' ? '≥' : '≤'} ${formatMetric(goal.metric, goal.value, currency)}${per} over ${goal.window} days`;
}
