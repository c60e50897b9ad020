import type { AppliedChange, IdempotencyStore } from '@shared/platform/idempotency';
import { fromJson, toJson } from '../json';
import type { Handles } from './handles';

/**
 * How long a key is kept: far longer than any replay (a restart, a retried execution) takes,
 * short enough that the table stays small however long the app runs.
 */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3_600_000;

/** The platform adapter's idempotency port over the `platform_idempotency` table. */
export type IdempotencyRepository = IdempotencyStore & {
  get(accountId: string, key: string): AppliedChange | undefined;
  put(accountId: string, key: string, entry: AppliedChange): void;
};

/**
 * Keys are stamped with the instant the adapter's clock gave the result (`appliedAt`), so an
 * accelerated account ages them in its own time; each insert prunes the account's keys older
 * than the retention before it.
 */
export function createIdempotencyRepository({ sqlite }: Handles, retentionMs = IDEMPOTENCY_RETENTION_MS): IdempotencyRepository {
  const read = sqlite.prepare('SELECT fingerprint, result FROM platform_idempotency WHERE account = ? AND key = ?');
  const prune = sqlite.prepare('DELETE FROM platform_idempotency WHERE account = ? AND created_at < ?');
  const insert = sqlite.prepare('INSERT OR REPLACE INTO platform_idempotency (account, key, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)');
  const put = sqlite.transaction((accountId: string, key: string, entry: AppliedChange) => {
    const at = entry.result.appliedAt;
    if (!Number.isFinite(at)) throw new Error(`idempotency key "${key}" of ${accountId}: appliedAt ${at} is not an instant`);
    prune.run(accountId, at - retentionMs);
    insert.run(accountId, key, entry.fingerprint, toJson(entry.result, `idempotency key "${key}" result`), at);
  });

  return {
    get(accountId, key) {
      const row = read.get(accountId, key) as { fingerprint: string; result: string } | undefined;
      if (!row) return undefined;
      return { fingerprint: row.fingerprint, result: fromJson(row.result, `idempotency key "${key}" of ${accountId}`) };
    },
    put: (accountId, key, entry) => put.immediate(accountId, key, entry),
  };
}
