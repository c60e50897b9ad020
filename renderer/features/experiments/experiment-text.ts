import { EXPERIMENT_LEVEL, type ExperimentStatus, type LiftInterval, type PowerEstimate } from '@shared/domain/experiment';
import { formatDay, formatNumber, formatPercent } from '@renderer/shared/format';
import { displayLocale } from '@renderer/shared/locale';

/** "90%": the level of every interval an experiment reports. */
export const levelText = (locale = displayLocale()): string => formatPercent(EXPERIMENT_LEVEL, 0, locale);

/** A relative lift with its sign: "+17%", "−6%", "0%". */
export function signedPercent(share: number, locale = displayLocale()): string {
  const text = formatPercent(Math.abs(share), 0, locale);
  if (Math.round(share * 100) === 0) return text;
  return `${share > 0 ? '+' : '−'}${text}`;
}

/** "+17% (+6% to +29%)": an estimate and its interval. */
export const liftText = (lift: LiftInterval, locale = displayLocale()): string =>
  `${signedPercent(lift.estimate, locale)} (${signedPercent(lift.low, locale)} to ${signedPercent(lift.high, locale)})`;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "8 Mar 2026" (en-GB), "Mar 8, 2026" (en-US): one of the account's local dates as the host wrote
 * it (YYYY-MM-DD). The date is already the account's, so it is read and written at UTC midnight,
 * never moved by a zone.
 */
export function localDateText(date: string, locale = displayLocale()): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return date;
  let format = dateFormats.get(locale ?? '');
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale ?? '', format);
  }
  return format.format(ms);
}

/** "8 Mar": a local date on a chart's axis, where the year would crowd the labels. */
export const localDayText = (date: string, locale = displayLocale()): string => formatDay(Date.parse(`${date}T00:00:00Z`), 'UTC', locale);

const STATUS_TEXT: Record<ExperimentStatus, string> = { running: 'Running', finished: 'Finished', stopped: 'Stopped' };
export const statusText = (status: ExperimentStatus): string => STATUS_TEXT[status];

/** What the power estimate says in words: "Probably needs about 42 days to detect a +15% lift." */
export function powerText(power: PowerEstimate, locale = displayLocale()): string {
  const lift = signedPercent(power.lift, locale);
  if (power.daysNeeded === null) return `Cannot yet say how long detecting a ${lift} lift would take.`;
  return `Probably needs about ${formatNumber(power.daysNeeded, { max: 0 }, locale)} day${power.daysNeeded === 1 ? '' : 's'} to detect a ${lift} lift.`;
}

/** Below 0.25 in absolute value a standardised difference is usually called balanced. */
export const BALANCED_BELOW = 0.25;

/** "0.12 (balanced)": how far apart the groups' units were before the test, in pooled standard deviations. */
export function balanceText(standardizedDiff: number, locale = displayLocale()): string {
  const value = formatNumber(standardizedDiff, { min: 2, max: 2 }, locale);
  return `${value} (${Math.abs(standardizedDiff) < BALANCED_BELOW ? 'balanced' : 'not balanced'})`;
}

/** ROAS as the app writes it: "4.20x"; a dash where nothing was spent. */
export const roasText = (roas: number | null, locale = displayLocale()): string => (roas === null ? '–' : `${formatNumber(roas, { min: 2, max: 2 }, locale)}x`);

/** The analysis writes its verdict to follow a colon ("not enough data yet: …"); shown on its own it starts a sentence. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
