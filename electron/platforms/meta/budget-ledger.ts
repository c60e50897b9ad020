import { HOUR_MS } from '@shared/time';

/** Meta lets an ad set's budget change at most this many times in an hour, and blocks the next for an hour. */
export const BUDGET_CHANGES_PER_HOUR = 4;

/**
 * The budget changes of the last hour per object whose budget it is (an ad set, or a campaign with
 * campaign budget), so that a fifth is refused here and never sent. It counts the changes this
 * adapter made and, beside them, those Meta's activity log shows (made by anyone, before a
 * restart too): the larger count of the two is the one that holds.
 */
export class BudgetChangeLedger {
  private readonly own = new Map<string, number[]>();
  private readonly logged = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();

  record(objectId: string, at: number): void {
    push(this.own, objectId, at);
  }

  /** Replaces what the activity log showed for an object over the last hour. */
  seen(objectId: string, times: number[]): void {
    this.logged.set(
      objectId,
      [...times].sort((a, b) => a - b),
    );
  }

  /** Meta refused a budget change of this object: it stays blocked until then. */
  block(objectId: string, until: number): void {
    this.blocked.set(objectId, Math.max(until, this.blocked.get(objectId) ?? 0));
  }

  countInHour(objectId: string, now: number): number {
    return Math.max(recent(this.own.get(objectId), now).length, recent(this.logged.get(objectId), now).length);
  }

  /** When the object's budget may next change: `now`, or later when four changes are within the hour or Meta blocked it. */
  nextAllowedAt(objectId: string, now: number): number {
    let at = Math.max(now, this.blocked.get(objectId) ?? 0);
    for (const times of [this.own.get(objectId), this.logged.get(objectId)]) {
      const inHour = recent(times, now);
      if (inHour.length >= BUDGET_CHANGES_PER_HOUR) at = Math.max(at, inHour[inHour.length - BUDGET_CHANGES_PER_HOUR] + HOUR_MS);
    }
    return at;
  }
}

function recent(times: number[] | undefined, now: number): number[] {
  return (times ?? []).filter((t) => t > now - HOUR_MS && t <= now);
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key) ?? [];
  list.push(at);
  map.set(
    key,
    list.filter((t) => t > at - HOUR_MS),
  );
}
