import type { ApplyResult } from '@shared/platform/adapter';

/** A change applied under an idempotency key: what was asked (as text, to tell a reused key) and what came of it. */
export interface AppliedChange {
  fingerprint: string;
  result: ApplyResult;
}

/**
 * Where the adapter keeps idempotency keys and their results. Meta has no idempotency of its own,
 * so the adapter honours keys itself; the app gives it a persisted table, so that a key outlives a
 * restart (the store implementation lives with the store layer).
 */
export interface IdempotencyStore {
  get(accountId: string, key: string): Promise<AppliedChange | undefined>;
  put(accountId: string, key: string, entry: AppliedChange): Promise<void>;
}

/** Keys kept in memory: for tests and for runs that keep nothing. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, AppliedChange>();

  async get(accountId: string, key: string): Promise<AppliedChange | undefined> {
    return this.entries.get(`${accountId}\u0000${key}`);
  }

  async put(accountId: string, key: string, entry: AppliedChange): Promise<void> {
    this.entries.set(`${accountId}\u0000${key}`, entry);
  }
}
