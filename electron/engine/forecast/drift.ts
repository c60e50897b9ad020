import { DAY_MS } from '@shared/time';
import { DRIFT_DAYS, MIN_COMPLETENESS } from './assumptions';
import { fitResponse, type PreparedDay } from './fit';

/**
 * How many predictive standard deviations the conversions of the last DRIFT_DAYS ordinary days
 * stray from a fit of the days before them. Out of sample on purpose: a fit that already saw
 * the recent days would have half absorbed a change and inflated its noise estimate with it.
 */
export function driftZ(days: readonly PreparedDay[], halfLifeDays: number): number {
  if (days.length === 0) return 0;
  const cut = Math.max(...days.map((d) => d.day)) - DRIFT_DAYS * DAY_MS;
  const recent = days.filter((d) => d.day > cut && !d.event && d.spend > 0 && d.completeness >= MIN_COMPLETENESS);
  const fit =
    recent.length > 0
      ? fitResponse(
          days.filter((d) => d.day <= cut),
          halfLifeDays,
        )
      : null;
  if (!fit) return 0;
  const observed = recent.reduce((s, d) => s + d.conversions, 0);
  let first = 0;
  let second = 0;
  for (let k = 0; k < fit.ks.length; k++) {
    let exposure = 0;
    let squares = 0;
    for (const d of recent) {
      const e = d.completeness * fit.weekday[d.weekday] * (d.spend / (d.spend + fit.ks[k]));
      exposure += e;
      squares += e * e;
    }
    const em = fit.alphas[k] / fit.betas[k];
    const mean = em * exposure;
    const variance = (em / fit.betas[k]) * exposure * exposure + mean + fit.dispersion * em * em * squares;
    first += fit.probs[k] * mean;
    second += fit.probs[k] * (variance + mean * mean);
  }
  const variance = second - first * first;
  return variance > 0 ? (observed - first) / Math.sqrt(variance) : 0;
}
