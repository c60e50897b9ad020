import { eq } from 'drizzle-orm';
import { fromJson, toJson } from '../json';
import { platformPauses } from '../schema';
import type { Handles } from './handles';

/** A pause of an account's agents while its platform refuses requests (platform_pauses). */
export interface PlatformPause {
  /** The platform's own id of the account. */
  account: string;
  /** When the platform takes requests again, on the account's clock (epoch ms). */
  until: number;
  reason: string;
  agentIds: string[];
  alertId: string;
  createdAt: number;
}

export interface PlatformPauseRepository {
  /** Keeps the account's pause, replacing an earlier one (a later end is a new pause). */
  hold(pause: PlatformPause): void;
  get(account: string): PlatformPause | undefined;
  /** Forgets the account's pause once it is over. */
  end(account: string): void;
}

export function createPlatformPauseRepository({ db }: Handles): PlatformPauseRepository {
  return {
    hold(pause) {
      if (!Number.isFinite(pause.until)) throw new Error(`the pause of ${pause.account}: until ${pause.until} is not an instant`);
      const row = { ...pause, agentIds: toJson(pause.agentIds, `the pause of ${pause.account}: its agents`) };
      db.insert(platformPauses).values(row).onConflictDoUpdate({ target: platformPauses.account, set: row }).run();
    },
    get(account) {
      const row = db.select().from(platformPauses).where(eq(platformPauses.account, account)).get();
      return row && { ...row, agentIds: fromJson<string[]>(row.agentIds, `the pause of ${account}: its agents`) };
    },
    end(account) {
      db.delete(platformPauses).where(eq(platformPauses.account, account)).run();
    },
  };
}
