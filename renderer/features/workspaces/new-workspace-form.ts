import { isCurrency } from '@shared/money';
import { IpcCallError } from '@renderer/ipc/client';
import { displayLocale } from '@renderer/shared/locale';

/** What the "New workspace" dialog asks for, as typed. */
export interface WorkspaceDraft {
  name: string;
  currency: string;
  timezone: string;
}

export type DraftField = keyof WorkspaceDraft;
export const DRAFT_FIELDS: readonly DraftField[] = ['name', 'currency', 'timezone'];

/** Problems by field, and those that name none. */
export interface DraftProblems {
  fields: Partial<Record<DraftField, string>>;
  form?: string;
}

/** The currencies agencies bill in most, offered first; any other ISO 4217 code can be typed. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'INR', 'BRL', 'MXN', 'SEK', 'SGD', 'HKD', 'NZD', 'KRW', 'ZAR'] as const;

export interface Choice {
  value: string;
  label: string;
}

export function currencyChoices(locale = displayLocale()): Choice[] {
  const names = new Intl.DisplayNames(locale, { type: 'currency' });
  return COMMON_CURRENCIES.map((code) => ({ value: code, label: names.of(code) ?? code }));
}

/** Every IANA zone this runtime knows (UTC too, which the list leaves out), each with its offset now, e.g. "GMT+9". */
export function timeZoneChoices(now: number, locale = displayLocale()): Choice[] {
  const ids = Intl.supportedValuesOf('timeZone');
  return (ids.includes('UTC') ? ids : ['UTC', ...ids]).map((id) => ({ value: id, label: `${id.replaceAll('_', ' ')} (${offsetName(id, now, locale)})` }));
}

function offsetName(zone: string, now: number, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The zone whose id, or label, matches what was typed ignoring case and spaces for underscores: "asia/tokyo", "Asia/Tokyo (GMT+9)". */
export function matchTimeZone(typed: string, choices: readonly Choice[]): string | undefined {
  const wanted = typed.trim().toLowerCase().replaceAll(' ', '_');
  if (!wanted) return undefined;
  return choices.find((c) => c.value.toLowerCase() === wanted || c.label.toLowerCase().replaceAll(' ', '_') === wanted)?.value;
}

/** The draft as the host is sent it: trimmed, the code in capitals, the zone by its IANA id. */
export function normalizeDraft(draft: WorkspaceDraft, zones: readonly Choice[]): WorkspaceDraft {
  return {
    name: draft.name.trim(),
    currency: draft.currency.trim().toUpperCase(),
    timezone: matchTimeZone(draft.timezone, zones) ?? draft.timezone.trim(),
  };
}

/** What can be said before asking the host; the host checks again (and knows, say, that a name is taken). */
export function checkDraft(draft: WorkspaceDraft, zones: readonly Choice[]): DraftProblems {
  const fields: DraftProblems['fields'] = {};
  if (!draft.name) fields.name = 'Give the workspace a name, such as the client’s.';
  if (!isCurrency(draft.currency)) fields.currency = `'${draft.currency}' is not an ISO 4217 currency code such as USD, EUR or JPY.`;
  if (!zones.some((z) => z.value === draft.timezone))
    fields.timezone = `'${draft.timezone}' is not a time zone; pick one from the list, such as America/New_York.`;
  return { fields };
}

export const hasProblems = (problems: DraftProblems): boolean => Boolean(problems.form) || Object.values(problems.fields).some(Boolean);

/** Puts the host's refusal next to the field it names (IpcCallError.path), or above the form when it names none. */
export function problemsOf(error: unknown): DraftProblems {
  const message = error instanceof Error ? error.message : String(error);
  const field = error instanceof IpcCallError ? DRAFT_FIELDS.find((f) => error.path === f || error.path?.startsWith(`${f}.`)) : undefined;
  return field ? { fields: { [field]: message } } : { fields: {}, form: message };
}
