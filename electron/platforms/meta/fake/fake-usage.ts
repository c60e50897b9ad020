import { HOUR_MS } from '@shared/time';

/**
 * The account's use of its hourly quota, as Meta reports it in `X-Business-Use-Case-Usage`: the
 * calls of the last hour against a capacity. A test may hold the reported use at a floor (90%
 * to see a client slow down); past 100% the account is throttled for a few minutes.
 */
export class FakeUsage {
  /** The least percentage reported, whatever the calls. */
  floorPercent = 0;
  private calls: number[] = [];
  private throttledUntil = 0;

  constructor(private readonly capacityPerHour = 5_000) {}

  record(now: number): void {
    this.calls = this.calls.filter((t) => t > now - HOUR_MS);
    this.calls.push(now);
  }

  percent(now: number): number {
    const used = this.calls.filter((t) => t > now - HOUR_MS).length;
    return Math.max(this.floorPercent, Math.min(100, Math.round((used / this.capacityPerHour) * 100)));
  }

  /** Minutes until the account may call again (0 when it may). */
  regainMinutes(now: number): number {
    if (this.percent(now) >= 100 && this.throttledUntil <= now) this.throttledUntil = now + 5 * 60_000;
    return this.throttledUntil > now ? Math.ceil((this.throttledUntil - now) / 60_000) : 0;
  }

  /** Throttles the account for `minutes` from `now` (a rate-limit fault). */
  throttle(now: number, minutes: number): void {
    this.throttledUntil = Math.max(this.throttledUntil, now + minutes * 60_000);
  }

  header(accountNumber: string, now: number): string {
    const percent = this.percent(now);
    const entry = {
      type: 'ads_management',
      call_count: percent,
      total_cputime: Math.round(percent / 2),
      total_time: Math.round(percent / 2),
      estimated_time_to_regain_access: this.regainMinutes(now),
      ads_api_access_tier: 'standard_access',
    };
    return JSON.stringify({ [accountNumber]: [entry] });
  }
}
