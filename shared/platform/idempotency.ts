import type { ApplyResult } from './adapter';

/** A change applied under an idempotency key: what was asked (as text, to tell a reused key) and what came of it. */
export interface AppliedChange {
  fingerprint: string;
  result: ApplyResult;
}

/**
 * Where an adapter keeps idempotency keys and their results, for a platform that has no
 * idempotency of its own (Meta, Google): the app gives it a persisted table, so that a key outlives a
 * restart. Either answer form is allowed, since the store's table is read synchronously.
 */
export interface IdempotencyStore {
  get(accountId: string, key: string): AppliedChange | undefined | Promise<AppliedChange | undefined>;
  put(accountId: string, key: string, entry: AppliedChange): void | Promise<void>;
}

/** Keys kept in memory: for tests and for runs that keep nothing (the app keeps them in the store's table). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, AppliedChange>();

  get(accountId: string, key: string): AppliedChange | undefined {
    return this.entries.get(`${accountId}\u0000${key}`);
  }

  put(accountId: string, key: string, entry: AppliedChange): void {
    this.entries.set(`${accountId}\u0000${key}`, entry);
  }
}
