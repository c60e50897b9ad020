import type { Handles } from './handles';

export interface LeaseRepository {
  /**
   * Takes or renews the campaign's lease for `owner` until `now + ttlMs`, if nobody else holds
   * an unexpired one; says whether it did. One BEGIN IMMEDIATE transaction, so two processes
   * asking at once cannot both get it.
   */
  acquire(campaignId: string, owner: string, now: number, ttlMs: number): boolean;
  /** Takes the lease over from `from` (a holder known to be gone), if `from` still holds it. */
  takeOver(campaignId: string, from: string, to: string, now: number, ttlMs: number): boolean;
  /** Gives the lease up, if `owner` still holds it. */
  release(campaignId: string, owner: string): void;
  holder(campaignId: string, now: number): string | undefined;
}

export function createLeaseRepository({ sqlite }: Handles): LeaseRepository {
  const take = sqlite.prepare(
    `INSERT INTO campaign_leases (campaign_id, owner, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
     WHERE campaign_leases.owner = excluded.owner OR campaign_leases.expires_at <= ?`,
  );
  const seize = sqlite.prepare('UPDATE campaign_leases SET owner = ?, expires_at = ? WHERE campaign_id = ? AND owner = ?');
  const drop = sqlite.prepare('DELETE FROM campaign_leases WHERE campaign_id = ? AND owner = ?');
  const current = sqlite.prepare('SELECT owner FROM campaign_leases WHERE campaign_id = ? AND expires_at > ?').pluck();
  const acquire = sqlite.transaction(
    (campaignId: string, owner: string, now: number, ttlMs: number) => take.run(campaignId, owner, now + ttlMs, now).changes === 1,
  );
  return {
    acquire: (campaignId, owner, now, ttlMs) => {
      if (!(ttlMs > 0)) throw new RangeError(`lease ttl must be > 0 ms, got ${ttlMs}`);
      return acquire.immediate(campaignId, owner, now, ttlMs);
    },
    takeOver: (campaignId, from, to, now, ttlMs) => seize.run(to, now + ttlMs, campaignId, from).changes === 1,
    release: (campaignId, owner) => void drop.run(campaignId, owner),
    holder: (campaignId, now) => current.get(campaignId, now) as string | undefined,
  };
}
