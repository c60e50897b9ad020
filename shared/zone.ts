import { Temporal } from 'temporal-polyfill';
import { AcmError } from './errors';
import { DAY_MS, HOUR_MS } from './time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** One local day of an account: its date and the instants of the midnights around it. */
export interface LocalDay {
  date: string;
  startMs: number;
  endMs: number;
}

/**
 * The ad account's time zone: Meta and Google count a day, its budget and its hourly rows in
 * the account's own zone, so every "day", "today" and midnight of the app comes from here.
 * The arithmetic is Temporal's (IANA rules, daylight-saving days of 23 or 25 hours); the days
 * last looked up are kept, because the simulator and the agents ask about the same few days
 * millions of times.
 */
export class AccountZone {
  private static readonly known = new Map<string, AccountZone>();
  private readonly byDate = new Map<string, LocalDay>();
  private last: LocalDay | undefined;
  private spans: OffsetSpan[] = [];
  /** The local day (days since 1970-01-01 on the local calendar) isoLocal wrote last, and its date. */
  private isoDay = NaN;
  private isoDate = '';

  private constructor(readonly id: string) {}

  /** The zone named by an IANA identifier ("America/New_York", "Asia/Kolkata", "UTC"); throws INVALID_INPUT naming it otherwise. */
  static of(id: string): AccountZone {
    const cached = AccountZone.known.get(id);
    if (cached) return cached;
    if (!isTimeZone(id)) throw new AcmError('INVALID_INPUT', `'${id}' is not an IANA time zone (such as America/New_York or Asia/Kolkata)`);
    const zone = new AccountZone(id);
    AccountZone.known.set(id, zone);
    return zone;
  }

  static readonly UTC = AccountZone.of('UTC');

  /** The local day an instant falls in. */
  day(ms: number): LocalDay {
    const last = this.last;
    if (last && ms >= last.startMs && ms < last.endMs) return last;
    const found = this.isUtc ? this.dayOfDate(isoDate(Math.floor(ms / DAY_MS) * DAY_MS)) : this.nearUtcDay(ms);
    this.last = found;
    return found;
  }

  /**
   * The local day of an instant found among the days already looked up: a local date is the UTC
   * date or one next to it (offsets stay within ±14 h), so Temporal is asked only about days
   * never seen before, which keeps the agents' and the simulator's day buckets cheap.
   */
  private nearUtcDay(ms: number): LocalDay {
    const utc = Math.floor(ms / DAY_MS) * DAY_MS;
    for (const key of [utc, utc - DAY_MS, utc + DAY_MS]) {
      const day = this.dayOfDate(isoDate(key));
      if (ms >= day.startMs && ms < day.endMs) return day;
    }
    return this.dayOfDate(this.zoned(ms).toPlainDate().toString());
  }

  /**
   * The local day of an instant as a day key: its date's midnight in UTC, epoch ms. Two days one
   * calendar day apart have keys DAY_MS apart whatever the daylight saving between them, so day
   * counts and weekdays are plain arithmetic on keys. In UTC the key is the day's start.
   */
  dayKey(ms: number): number {
    return this.isUtc ? Math.floor(ms / DAY_MS) * DAY_MS : Date.parse(`${this.day(ms).date}T00:00:00Z`);
  }

  /** The local day of a day key (see dayKey). */
  dayOfKey(key: number): LocalDay {
    return this.dayOfDate(isoDate(key));
  }

  /**
   * The instant at the same local wall-clock time `n` days later (earlier when negative): a
   * midnight stays a midnight across daylight saving, where `ms + n * DAY_MS` would land an hour
   * off. Windows of whole days ("the last 7 days") are measured with it.
   */
  addLocalDays(ms: number, n: number): number {
    const moved = ms + n * DAY_MS;
    return this.isUtc ? moved : moved + this.offsetMs(ms) - this.offsetMs(moved);
  }

  /** The zone's offset from UTC at an instant, in milliseconds (+19,800,000 in Kolkata). */
  offsetMs(ms: number): number {
    if (this.isUtc) return 0;
    const day = this.day(ms);
    // A day of 24 hours keeps one offset: the one its midnight shows.
    if (day.endMs - day.startMs === DAY_MS) return Date.parse(`${day.date}T00:00:00Z`) - day.startMs;
    return this.zoned(ms).offsetNanoseconds / 1e6;
  }

  /** The instants in [from, to) at which the zone's offset changes (daylight saving), oldest first; none in UTC. */
  transitions(from: number, to: number): number[] {
    const found: number[] = [];
    if (this.isUtc) return found;
    for (let at = this.zoned(from - 1).getTimeZoneTransition('next'); at && at.epochMilliseconds < to; at = at.getTimeZoneTransition('next')) {
      found.push(at.epochMilliseconds);
    }
    return found;
  }

  /** The instant the local hour of an instant began: on the UTC hour in New York, at :30 in Kolkata. */
  startOfHour(ms: number): number {
    const into = (((ms + this.offsetMs(ms)) % HOUR_MS) + HOUR_MS) % HOUR_MS;
    return ms - into;
  }

  /** The local day of a calendar date 'YYYY-MM-DD'. */
  dayOfDate(date: string): LocalDay {
    const cached = this.byDate.get(date);
    if (cached) return cached;
    if (!DATE.test(date)) throw new AcmError('INVALID_INPUT', `'${date}' is not a date (YYYY-MM-DD)`);
    const plain = Temporal.PlainDate.from(date);
    const startMs = this.isUtc ? Date.parse(`${date}T00:00:00Z`) : plain.toZonedDateTime({ timeZone: this.id }).epochMilliseconds;
    const endMs = this.isUtc ? startMs + DAY_MS : plain.add({ days: 1 }).toZonedDateTime({ timeZone: this.id }).epochMilliseconds;
    const day = { date, startMs, endMs };
    if (this.byDate.size > 4096) this.byDate.clear();
    this.byDate.set(date, day);
    return day;
  }

  /** The local date 'YYYY-MM-DD' of an instant. */
  date(ms: number): string {
    return this.day(ms).date;
  }

  /** The local midnight that began the day of an instant. */
  startOfDay(ms: number): number {
    // UTC days are plain arithmetic: the agents bucket every reported hour by day.
    return this.isUtc ? Math.floor(ms / DAY_MS) * DAY_MS : this.day(ms).startMs;
  }

  /** The next local midnight after an instant (the start of the following day). */
  nextMidnight(ms: number): number {
    return this.day(ms).endMs;
  }

  /** Hours in the local day of an instant: 24, or 23 and 25 across a daylight-saving change. */
  hoursInDay(ms: number): number {
    if (this.isUtc) return 24;
    const day = this.day(ms);
    return Math.round((day.endMs - day.startMs) / HOUR_MS);
  }

  /** The wall-clock hour 0–23 of an instant (a repeated hour reads the same twice). */
  hour(ms: number): number {
    return this.isUtc ? Math.floor((ms % DAY_MS) / HOUR_MS) : this.zoned(ms).hour;
  }

  /** ISO weekday of an instant's local day: 1 is Monday, 7 Sunday. */
  weekday(ms: number): number {
    // 1970-01-01, day key 0, was a Thursday.
    return ((((Math.floor(this.dayKey(ms) / DAY_MS) + 3) % 7) + 7) % 7) + 1;
  }

  /**
   * An instant as local ISO 8601 with its offset, e.g. 2026-03-08T03:00:00-04:00: unambiguous in
   * a file a person reads. Exports write one per row, so the offset comes from the span between
   * the zone's transitions around it (found once by Temporal) and the date from the last local
   * day written; only the time of day is new on each call.
   */
  isoLocal(ms: number): string {
    const span = this.span(ms);
    const local = ms + span.offsetMs;
    const day = Math.floor(local / DAY_MS);
    if (day !== this.isoDay) {
      const year = new Date(local).getUTCFullYear();
      if (!(year >= 0 && year <= 9999)) {
        const zoned = this.zoned(ms);
        return `${zoned.toPlainDateTime().toString({ smallestUnit: 'second' })}${zoned.offset}`;
      }
      this.isoDay = day;
      this.isoDate = isoDate(day * DAY_MS);
    }
    const second = Math.floor((local - day * DAY_MS) / 1000);
    return `${this.isoDate}T${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}${span.offset}`;
  }

  /** The stretch of time around an instant over which the zone keeps one offset; the last few are kept. */
  private span(ms: number): OffsetSpan {
    const spans = this.spans;
    for (let i = 0; i < spans.length; i++) if (ms >= spans[i].fromMs && ms < spans[i].toMs) return spans[i];
    const zoned = this.zoned(ms);
    // A transition at the instant itself begins its span: look back from just after it.
    const previous = zoned.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
    const next = zoned.getTimeZoneTransition('next');
    const found = {
      fromMs: previous ? previous.epochMilliseconds : -Infinity,
      toMs: next ? next.epochMilliseconds : Infinity,
      offsetMs: zoned.offsetNanoseconds / 1e6,
      offset: zoned.offset,
    };
    this.spans = [found, ...this.spans.slice(0, 7)];
    return found;
  }

  private get isUtc(): boolean {
    return this.id === 'UTC';
  }

  private zoned(ms: number): Temporal.ZonedDateTime {
    return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.id);
  }
}

/** Instants from `fromMs` (inclusive) to `toMs` (exclusive) over which a zone's offset stays `offset`. */
interface OffsetSpan {
  fromMs: number;
  toMs: number;
  offsetMs: number;
  offset: string;
}

/** The date 'YYYY-MM-DD' of a UTC instant (of a day key). */
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether a string names a time zone of the IANA database. */
export function isTimeZone(id: string): boolean {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(id);
    return true;
  } catch {
    return false;
  }
}
