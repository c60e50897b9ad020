import type { AppliedChange, IdempotencyStore } from '@shared/platform/idempotency';

export type { AppliedChange, IdempotencyStore };

/** Keys kept in memory: for tests and for runs that keep nothing (the app keeps them in the store's table). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, AppliedChange>();

  async get(accountId: string, key: string): Promise<AppliedChange | undefined> {
    return this.entries.get(`${accountId}\u0000${key}`);
  }

  async put(accountId: string, key: string, entry: AppliedChange): Promise<void> {
    this.entries.set(`${accountId}\u0000${key}`, entry);
  }
}
