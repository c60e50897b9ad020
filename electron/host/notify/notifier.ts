import { randomUUID } from 'node:crypto';
import { notifySecretEntry } from '@shared/domain/notify';
import { AcmError } from '@shared/errors';
import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { EventHub } from '../../ipc/event-hub';
import type { NotificationControl } from '../../ipc/services';
import type { Store } from '../../store';
import type { CredentialVault } from '../credentials/vault';
import { channelControl } from './channel-control';
import { queueTimedMessages } from './notify-schedule';
import { deliverDue, type SecretReader, type Transports } from './outbox-sender';
import { applyScripted, type ScriptedChannel } from './scripted-channels';
import { realTransports } from './transports';

/** What a host gives every workspace's notifier. */
export interface NotifySetup {
  /** Where the channels' secrets are kept: the OS keyring headless, the keychain-sealed files in the app. */
  vault?: CredentialVault;
  /** `acm serve --notify-webhook` / `--smtp`: channels for this run, their secrets in memory only. */
  scripted?: readonly ScriptedChannel[];
  transports?: Transports;
  /** Real time for the retry backoff; Date.now by default. */
  wallNow?: () => number;
  /** Real milliseconds between two passes over the outbox (5 s by default); 0 runs passes only when kicked. */
  passEveryMs?: number;
}

export interface NotifierDeps extends NotifySetup {
  workspaceId: number;
  store: Store;
  clock: Clock;
  zone: AccountZone;
  events: EventHub;
  log(message: string, error?: unknown): void;
}

export interface Notifier {
  readonly control: NotificationControl;
  /** A person stopped every agent of the workspace: the channels taking critical alerts are told. */
  killSwitchUsed(agentIds: readonly string[]): void;
  /** Runs a pass now (or after the one running); resolves when the outbox has been gone through. */
  kick(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A workspace's notifications: every alert raised (woken by `alert.raised`, and every few seconds
 * for retries, quiet hours ending, reminders and digests) goes from the outbox to its channels.
 */
export function startNotifier(deps: NotifierDeps): Notifier {
  const { store, log } = deps;
  const wallNow = deps.wallNow ?? Date.now;
  const scripted = deps.scripted ?? [];
  applyScripted(store, scripted, deps.clock.now());
  const secret: SecretReader = async (channel) => {
    const given = scripted.find((s) => s.id === channel.id);
    if (given) return given.secret?.reveal();
    return deps.vault?.read(notifySecretEntry(channel.kind, channel.id));
  };
  const transports = deps.transports ?? realTransports();
  const context = { store, clock: deps.clock, zone: deps.zone, wallNow, workspaceId: deps.workspaceId, secret, transports, log };
  const changed = (channelId: string) => {
    deps.events.emit('notification.changed', { channelId });
    void kick();
  };

  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  const pass = async () => {
    try {
      queueTimedMessages(store, deps.clock.now(), deps.zone);
      const report = await deliverDue(context);
      for (const channelId of report.channelIds) deps.events.emit('notification.changed', { channelId });
    } catch (error) {
      log('the notification outbox could not be gone through', error);
    }
  };
  const kick = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !closed);
    })().finally(() => (running = undefined));
    return running;
  };
  const stopListening = deps.events.subscribe((event) => {
    if (event === 'alert.raised') void kick();
  });
  const every = deps.passEveryMs ?? 5000;
  const timer = every > 0 ? setInterval(() => void kick(), every) : undefined;
  timer?.unref();
  void kick();

  return {
    control: channelControl({ ...context, vault: deps.vault, changed }),
    killSwitchUsed(agentIds) {
      if (agentIds.length === 0) return;
      const agents = agentIds.map((id) => store.agents.get(id)?.name ?? id);
      const payload = JSON.stringify({ agents });
      store.outbox.enqueue({ topic: 'kill_switch', subject: randomUUID(), severity: 'critical', payload, createdAt: deps.clock.now() });
      void kick();
    },
    kick,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      stopListening();
      await running;
    },
  };
}

const unavailable = (): never => {
  throw new AcmError('UNAVAILABLE', 'this host sends no notifications');
};

/** The control of a workspace whose host sends no notifications (services built without a notifier). */
export const noNotifications: NotificationControl = {
  listChannels: unavailable,
  saveChannel: unavailable,
  removeChannel: unavailable,
  testChannel: unavailable,
  outbox: unavailable,
  retry: unavailable,
};
