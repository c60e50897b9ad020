import { PlatformError } from '@shared/platform/adapter';
import type { Clock } from '@shared/time';
import { AccountZone } from '@shared/zone';

/** Operations a day that each access level of a developer token allows (Google's published figures). */
export const OPERATIONS_PER_DAY = { explorer: 2_880, basic: 15_000 } as const;
export type AccessLevel = keyof typeof OPERATIONS_PER_DAY;

/** Google counts its quota day in Pacific time, whatever the account's own zone. */
const QUOTA_ZONE = AccountZone.of('America/Los_Angeles');

/**
 * Operations spent today against the access level the operator states: each search request and
 * each mutate operation (dry runs too: Google counts them) is one. A request that would go past
 * the day's allowance is refused here, never sent, so that agents can plan within it.
 */
export class OperationsQuota {
  private day = '';
  private used = 0;

  readonly perDay: number;

  /** `allowance`: the access level the operator states for the developer token, or a number of operations a day. */
  constructor(
    private readonly clock: Clock,
    allowance: AccessLevel | number,
  ) {
    this.perDay = typeof allowance === 'number' ? allowance : OPERATIONS_PER_DAY[allowance];
  }

  /** Operations left until midnight Pacific time. */
  leftToday(): number {
    this.turnDay();
    return Math.max(0, this.perDay - this.used);
  }

  /** Milliseconds until the quota day turns. */
  msUntilNextDay(): number {
    const now = this.clock.now();
    return QUOTA_ZONE.nextMidnight(now) - now;
  }

  /** Takes `count` operations, or refuses (RATE_LIMITED until the quota day turns) when fewer are left. */
  take(count: number, what: string): void {
    const left = this.leftToday();
    if (count > left) {
      const waitMs = this.msUntilNextDay();
      throw new PlatformError(
        'RATE_LIMITED',
        `${what} not sent: it needs ${count} of the ${this.perDay} Google Ads operations a day allowed, and ${left} are left until midnight Pacific time (in ${Math.ceil(waitMs / 60_000)} min)`,
        waitMs,
      );
    }
    this.used += count;
  }

  /** Google said the day's quota is spent: count it as spent until the day turns. */
  exhaust(): void {
    this.turnDay();
    this.used = this.perDay;
  }

  private turnDay(): void {
    const today = QUOTA_ZONE.date(this.clock.now());
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }
}
