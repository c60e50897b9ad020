import { EXPERIMENT_LEVEL, type LiftInterval } from '@shared/domain/experiment';

/** A lift as a person reads it: "+17%", "−4%" (a true minus sign), "0%". */
export function percent(x: number): string {
  const whole = Math.round(x * 100);
  return whole > 0 ? `+${whole}%` : whole < 0 ? `−${-whole}%` : '0%';
}

/**
 * The ROAS lift in plain words: a claim only when the interval excludes no lift, otherwise the
 * range the evidence allows so far, so nobody reads a noisy estimate as a result.
 */
export function liftVerdict(roas: LiftInterval, significant: boolean, testDays: number): string {
  const after = `after ${testDays} day${testDays === 1 ? '' : 's'}`;
  const level = Math.round(EXPERIMENT_LEVEL * 100);
  if (significant) return `agents ${percent(roas.estimate)} ROAS (${level}% CI ${percent(roas.low)} to ${percent(roas.high)}) ${after}`;
  return `not enough evidence yet ${after}: ROAS likely between ${percent(roas.low)} and ${percent(roas.high)}`;
}
