import type { Clock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import type { AccountRecord } from '../store';
import { AccountConnection, unreachablePlatform, watchedPlatform } from './account-connection';
import type { HostAccount } from './default-account';

export interface DisconnectedAccount {
  /** The platform's name as the app shows it ("meta", "google"). */
  platform: string;
  stored: AccountRecord;
  clock: Clock;
  /** Names the account in messages and its alert. */
  label: string;
  reason: string;
  reconnect: string;
  log(message: string): void;
}

/**
 * A connected account whose credential is missing or refused when its workspace opens: its record
 * readable in its own currency and zone, its connection lost from the start (so its agents pause
 * and its alert is raised unless one is open already), nothing sent to the platform.
 */
export function disconnectedAccount(account: DisconnectedAccount): HostAccount {
  const { stored, reason } = account;
  const connection = new AccountConnection(account.label, account.reconnect);
  connection.lose(reason);
  account.log(`${connection.label} needs reconnecting: ${reason}`);
  return {
    name: stored.name,
    platform: watchedPlatform(unreachablePlatform(account.platform, stored.currency, reason), connection),
    clock: account.clock,
    zone: AccountZone.of(stored.timezone),
    rules: { policies: [], calendar: [] },
    connection,
  };
}
