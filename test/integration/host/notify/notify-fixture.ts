import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keyring } from '@host/credentials/keyring';
import { keyringVault } from '@host/credentials/vault';
import { startNotifier, type Notifier } from '@host/notify/notifier';
import { smtpChannel, webhookChannel } from '@host/notify/scripted-channels';
import { realTransports } from '@host/notify/transports';
import { createEventHub } from '@ipc/event-hub';
import { ManualClock } from '@shared/time';
import { AccountZone } from '@shared/zone';
import { openDatabase, type Store } from '@store/index';
import { decision } from '../../../unit/store/fixtures';

/** 2026-01-05 19:00 in New York (00:00 UTC the next day). */
export const T0 = Date.UTC(2026, 0, 6);
export const ZONE = AccountZone.of('America/New_York');
export const WORKSPACE_ID = 2;

/** The keyring the vault stands on, its entries open to the test. */
export class MemoryVault implements Keyring {
  readonly entries = new Map<string, string>();
  read = async (entry: string) => this.entries.get(entry);
  write = async (entry: string, secret: string) => void this.entries.set(entry, secret);
  remove = async (entry: string) => this.entries.delete(entry);
}

export const tempDatabase = () => join(mkdtempSync(join(tmpdir(), 'acm-notify-')), 'acme.db');

export interface Workspace {
  store: Store;
  notifier: Notifier;
  logs: string[];
  close(): Promise<void>;
}

/**
 * A workspace "Acme" in New York with an agent "Efficiency" (a1), its notifier driven by hand
 * (no timer: `notifier.kick()`), the account's clock and the wall clock both `clock`.
 */
export function openWorkspace(
  path: string,
  clock: ManualClock,
  channels: { webhook?: string; smtp?: string },
  keyring: Keyring = new MemoryVault(),
): Workspace {
  const store = openDatabase({ path, now: () => clock.now() });
  if (!store.profile.get()) store.profile.create({ name: 'Acme', currency: 'USD', timezone: ZONE.id, createdAt: T0 });
  if (!store.agents.get('a1')) store.agents.create({ id: 'a1', name: 'Efficiency', definition: { name: 'Efficiency', role: 'efficiency' }, goals: [] }, T0);
  const logs: string[] = [];
  const scripted = [...(channels.webhook ? [webhookChannel(channels.webhook)] : []), ...(channels.smtp ? [smtpChannel(channels.smtp)] : [])];
  const notifier = startNotifier({
    workspaceId: WORKSPACE_ID,
    store,
    clock,
    zone: ZONE,
    events: createEventHub(),
    log: (message, error) => logs.push(`${message} ${error === undefined ? '' : String(error)}`),
    vault: keyringVault(keyring),
    scripted,
    transports: realTransports({ smtpTls: { rejectUnauthorized: false } }),
    wallNow: () => clock.now(),
    passEveryMs: 0,
  });
  return {
    store,
    notifier,
    logs,
    async close() {
      await notifier.close();
      store.close();
    },
  };
}

/** A decision of a1 waiting for approval: budget $100 → $120 on c1, revenue 560 [500, 610] against 480, confidence 0.8. */
export function escalatedDecision(store: Store, id: string, createdAt: number) {
  return store.decisions.insert(decision({ id, createdAt, state: 'escalated' }));
}
