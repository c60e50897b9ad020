/** What Meta's usage headers said on the last answer. */
export interface UsageReading {
  /** The highest percentage of any quota in use (call count, CPU time, total time), 0 to 100 and past. */
  percent: number;
  /** How long Meta said the account is throttled for, in ms (0 when it is not). */
  regainMs: number;
}

/** Below this share of any quota calls go out as fast as they come. */
export const PACE_ABOVE_PERCENT = 75;
/** Past PACE_ABOVE_PERCENT calls are spaced by this, doubling every PACE_DOUBLING_POINTS points. */
const PACE_BASE_MS = 1_000;
const PACE_DOUBLING_POINTS = 5;

const USAGE_FIELDS = ['call_count', 'total_cputime', 'total_time', 'acc_id_util_pct'];

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The usage entries a header holds: the business header maps ids to lists of entries, the app and account headers are one entry. */
function entriesOf(value: unknown): Record<string, unknown>[] {
  if (!value || typeof value !== 'object') return [];
  if (USAGE_FIELDS.some((field) => field in value)) return [value as Record<string, unknown>];
  return Object.values(value).flatMap((v) => (Array.isArray(v) ? v.filter((e) => e && typeof e === 'object') : []));
}

/**
 * The usage Meta reported on an answer: `X-Business-Use-Case-Usage` (per business use case, with
 * `estimated_time_to_regain_access` in minutes), `X-Ad-Account-Usage` and `X-App-Usage`. Missing
 * or unreadable headers read as no usage.
 */
export function readUsage(headers: { get(name: string): string | null }): UsageReading {
  let percent = 0;
  let regainMinutes = 0;
  for (const name of ['x-business-use-case-usage', 'x-ad-account-usage', 'x-app-usage']) {
    for (const entry of entriesOf(parseJson(headers.get(name)))) {
      for (const field of USAGE_FIELDS) percent = Math.max(percent, numberOr0(entry[field]));
      regainMinutes = Math.max(regainMinutes, numberOr0(entry.estimated_time_to_regain_access));
    }
  }
  return { percent, regainMs: regainMinutes * 60_000 };
}

/**
 * Keeps calls under Meta's quotas: past 75% of any quota each call waits a second after the
 * previous one, twice as long every five points more (8 s at 90%, 32 s at 100%), until an answer
 * shows the usage down again; while Meta says the account is throttled nothing is sent.
 */
export class UsagePacer {
  private percent = 0;
  private blockedUntil = 0;
  private lastCallAt = -Infinity;

  observe(reading: UsageReading, now: number): void {
    this.percent = reading.percent;
    if (reading.regainMs > 0) this.blockedUntil = Math.max(this.blockedUntil, now + reading.regainMs);
  }

  /** Meta throttled the account until then (epoch ms), or 0. */
  throttledUntil(now: number): number {
    return this.blockedUntil > now ? this.blockedUntil : 0;
  }

  /** How long to wait before the next call, in ms. */
  waitBefore(now: number): number {
    if (this.percent <= PACE_ABOVE_PERCENT) return 0;
    const spacing = PACE_BASE_MS * 2 ** ((this.percent - PACE_ABOVE_PERCENT) / PACE_DOUBLING_POINTS);
    return Math.max(0, Math.ceil(this.lastCallAt + spacing - now));
  }

  /** A call goes out now. */
  sent(now: number): void {
    this.lastCallAt = now;
  }

  /** The usage last reported, in percent of the fullest quota. */
  get usagePercent(): number {
    return this.percent;
  }
}
