import type { Random } from '@shared/random';

/** Retry policy for transient platform errors and rate limits (other rejections are final). */
export interface RetryPolicy {
  /** Platform calls for one decision, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 2_000, capMs: 120_000 };

/**
 * Capped exponential backoff with "equal jitter": half the step is fixed, half random, so
 * many agents retrying after one outage do not all come back in the same instant. A rate
 * limit's requested wait is a floor.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: Random, retryAfterMs = 0): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs, step / 2 + (random.next() * step) / 2);
}
