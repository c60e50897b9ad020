import { randomUUID } from 'node:crypto';
import { notifySecretEntry, type NotifyChannel } from '@shared/domain/notify';
import { AcmError } from '@shared/errors';
import { composeTestMessage } from '@shared/notify/message-text';
import type { NotificationControl } from '../../ipc/services';
import type { CredentialVault } from '../credentials/vault';
import { workspaceLabel } from './message-facts';
import { deliver, type SenderContext } from './outbox-sender';
import { isScripted } from './scripted-channels';
import { checkWebhookUrl } from './webhook-url';

export interface ControlDeps extends Pick<SenderContext, 'store' | 'clock' | 'wallNow' | 'workspaceId' | 'secret' | 'transports' | 'log'> {
  store: SenderContext['store'] & Pick<SenderContext['store'], 'notifyChannels' | 'outbox'>;
  /** Where secrets are kept; without one, channels needing a secret can only be scripted. */
  vault?: CredentialVault;
  /** A channel changed or a message may now be sent. */
  changed(channelId: string): void;
}

/** The settings screen's side of a workspace's channels: secrets go to the vault, never to the database or an answer. */
export function channelControl(deps: ControlDeps): NotificationControl {
  const { store } = deps;
  const mustGet = (id: string): NotifyChannel => {
    const channel = store.notifyChannels.get(id);
    if (!channel) throw new AcmError('NOT_FOUND', `no notification channel ${id}`);
    return channel;
  };
  const view = async (channel: NotifyChannel) => ({ ...channel, hasSecret: (await deps.secret(channel)) !== undefined, scripted: isScripted(channel.id) });
  const vault = (): CredentialVault => {
    if (!deps.vault) throw new AcmError('UNAVAILABLE', 'this host keeps no secrets: give channels with acm serve --notify-webhook or --smtp');
    return deps.vault;
  };

  return {
    async listChannels() {
      return { channels: await Promise.all(store.notifyChannels.list().map(view)) };
    },
    async saveChannel({ id, settings, secret }) {
      if (id !== undefined && isScripted(id))
        throw new AcmError('CONFLICT', `the channel ${id} is set by the command line of acm serve for this run`, { path: 'id' });
      const checked = secret !== undefined && settings.kind === 'slack' ? checkWebhookUrl(secret, 'secret') : secret;
      const needsSecret = settings.kind === 'slack' || settings.email?.user !== '';
      if (id === undefined && needsSecret && checked === undefined) {
        throw new AcmError('INVALID_INPUT', settings.kind === 'slack' ? 'a Slack channel needs its webhook URL' : 'an SMTP login needs its password', {
          path: 'secret',
        });
      }
      let channel: NotifyChannel;
      if (id === undefined) {
        channel = store.notifyChannels.add(settings, deps.clock.now());
        try {
          if (checked !== undefined) await vault().write(notifySecretEntry(channel.kind, channel.id), checked);
        } catch (error) {
          store.notifyChannels.remove(channel.id);
          throw error;
        }
      } else {
        // The settings first: a channel of another kind is refused before any secret is written.
        channel = store.notifyChannels.update(id, settings);
        if (checked !== undefined) await vault().write(notifySecretEntry(channel.kind, id), checked);
      }
      deps.changed(channel.id);
      return view(channel);
    },
    async removeChannel(id) {
      if (isScripted(id)) throw new AcmError('CONFLICT', `the channel ${id} is set by the command line of acm serve for this run`, { path: 'id' });
      const channel = store.notifyChannels.get(id);
      if (!channel) return { removed: false };
      store.notifyChannels.remove(id);
      await deps.vault
        ?.remove(notifySecretEntry(channel.kind, id))
        .catch((error: unknown) => deps.log(`the secret of channel '${channel.name}' could not be removed`, error));
      deps.changed(id);
      return { removed: true };
    },
    async testChannel(id) {
      const channel = mustGet(id);
      const messageId = randomUUID();
      try {
        await deliver(deps, channel, composeTestMessage(workspaceLabel(store, deps.workspaceId), channel.name, messageId), messageId);
      } catch (error) {
        const reason = (error as Error).message;
        store.notifyChannels.recordAttempt(id, deps.wallNow(), reason);
        deps.changed(id);
        return { delivered: false, error: reason };
      }
      store.notifyChannels.recordAttempt(id, deps.wallNow());
      deps.changed(id);
      return { delivered: true };
    },
    outbox({ channelId, states, limit }) {
      return { messages: store.outbox.list({ channelId, states, limit }).map(({ payload: _payload, ...message }) => message) };
    },
    retry(id) {
      const retried = store.outbox.retry(id, deps.wallNow());
      if (retried) deps.changed(store.outbox.get(id)!.channelId);
      return { retried };
    },
  };
}
