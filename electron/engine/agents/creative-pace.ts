import type { AccountZone } from '@shared/zone';
import type { DailyObservation } from '../forecast';
import { localWeekday } from '../forecast/calendar';
import { kLogPrior } from '../forecast/fit';
import { fitFatigue } from './creative-fatigue';
import { pooledRate } from './segments';

/**
 * Creatives' days restated at one pace, so that rates measured on different days compare the
 * creatives and not the days: each day's spend becomes the spend that would have bought its
 * conversions at the campaign's budget now, on an average weekday. Along the campaign's curve
 * a·x/(x+K) (shape 1) a unit of spend converts (x₀+K)/(x+K) times as well at budget x₀ as at x.
 *
 * K comes from the creatives themselves: the campaign's response model cannot tell a tiring
 * creative from a saturating budget (an agent cutting a tiring campaign makes the curve look
 * straight), while each creative's own days separate the two: it tires only while it runs, and
 * budgets move whichever creative runs. So K is the mode, on a grid of K_GRID_POINTS spanning
 * K_SPAN around the median spend, of the creatives' fatigue fits (creative-fatigue.ts) summed,
 * with the response model's log-normal prior around the median spend.
 */
const K_GRID_POINTS = 25;
const K_SPAN = { below: 0.05, above: 20 } as const;

export type Pace = (d: DailyObservation) => DailyObservation;

/** `zone`: the account's, whose local days the observations are. */
export function paceAt(campaignSpend: ReadonlyMap<number, number>, weekday: readonly number[], k: number, budget: number, zone: AccountZone): Pace {
  return (d) => ({ ...d, spend: (d.spend * weekday[localWeekday(zone, d.day)] * (budget + k)) / ((campaignSpend.get(d.day) ?? d.spend) + k) });
}

/** The campaign's half-saturation spend that best explains its creatives' days, running and rested alike. */
export function creativesSaturation(
  creatives: readonly (readonly DailyObservation[])[],
  campaignSpend: ReadonlyMap<number, number>,
  weekday: readonly number[],
  zone: AccountZone,
): number | undefined {
  const spends = [...campaignSpend.values()].filter((x) => x > 0).sort((a, b) => a - b);
  if (spends.length === 0) return undefined;
  const median = spends[Math.floor(spends.length / 2)];
  const ks = Array.from({ length: K_GRID_POINTS }, (_, i) => median * K_SPAN.below * (K_SPAN.above / K_SPAN.below) ** (i / (K_GRID_POINTS - 1)));
  const logPrior = kLogPrior(ks, spends);
  let best: { k: number; score: number } | undefined;
  for (const [i, k] of ks.entries()) {
    const pace = paceAt(campaignSpend, weekday, k, median, zone);
    const paced = creatives.map((days) => days.map(pace));
    const prior = pooledRate(paced, 'conversions');
    let score = logPrior[i];
    for (const days of paced) if (days.some((d) => d.spend > 0)) score += fitFatigue(days, 'conversions', prior, 'last').logPosterior;
    if (!best || score > best.score) best = { k, score };
  }
  return best?.k;
}
