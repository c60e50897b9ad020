import type { EmailSettings, NotifyChannel, OutboxMessage } from '@shared/domain/notify';
import type { MessageText } from '@shared/notify/message-text';
import { inQuietHours } from '@shared/notify/quiet-hours';
import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { Store } from '../../store';
import { messageFor } from './message-facts';

/** How a message leaves the machine; tests give local receivers' TLS settings through these. */
export interface Transports {
  slack(webhookUrl: string, message: MessageText): Promise<void>;
  email(settings: EmailSettings, password: string | undefined, message: MessageText, messageId: string): Promise<void>;
}

/** A channel's secret: a Slack channel's webhook URL, an e-mail channel's SMTP password. */
export type SecretReader = (channel: NotifyChannel) => Promise<string | undefined>;

export interface SenderContext {
  store: Pick<Store, 'outbox' | 'notifyChannels' | 'alerts' | 'decisions' | 'agents' | 'profile' | 'reports'>;
  /** The account's clock and zone: quiet hours, digests and reminders are the workspace's local time. */
  clock: Clock;
  zone: AccountZone;
  /** Real time, for the retry backoff: a receiver recovers in real time whatever the account's clock does. */
  wallNow(): number;
  workspaceId: number;
  secret: SecretReader;
  transports: Transports;
  log(message: string, error?: unknown): void;
}

/** After this many failed attempts a message is `failed` for good; a person can queue it again. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 30 * 60_000;

/** 30 s after the first failure, doubling to at most 30 minutes: twelve attempts span about three and a half hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
}

/** Sends a message through its channel now; throws why it was not taken. */
export async function deliver(
  context: Pick<SenderContext, 'secret' | 'transports'>,
  channel: NotifyChannel,
  text: MessageText,
  messageId: string,
): Promise<void> {
  const secret = await context.secret(channel);
  if (channel.kind === 'slack') {
    if (secret === undefined) throw new Error('no webhook URL is stored for this channel: enter it again in its settings');
    return context.transports.slack(secret, text);
  }
  if (channel.email === null) throw new Error('the channel has no e-mail settings');
  if (channel.email.user !== '' && secret === undefined) throw new Error('no SMTP password is stored for this channel: enter it again in its settings');
  return context.transports.email(channel.email, secret, text, messageId);
}

/** What one pass did: messages delivered, attempts that failed, messages held by quiet hours, and the channels tried. */
export interface PassReport {
  sent: number;
  failed: number;
  held: number;
  channelIds: Set<string>;
}

/**
 * One pass over the outbox: every pending message whose backoff has passed is sent, unless its
 * channel is in quiet hours and it is not critical (it waits, untried, for their end). A message
 * is marked sent only once its receiver took it, so a crash in between sends it again at the next
 * start, under the same id.
 */
export async function deliverDue(context: SenderContext): Promise<PassReport> {
  const report: PassReport = { sent: 0, failed: 0, held: 0, channelIds: new Set() };
  for (const message of context.store.outbox.due(context.wallNow())) {
    const channel = context.store.notifyChannels.get(message.channelId);
    if (!channel || !channel.enabled) {
      context.store.outbox.skip(message.id, 'the channel was turned off before it was sent');
      continue;
    }
    if (message.severity !== 'critical' && inQuietHours(context.clock.now(), context.zone, channel.quietHours)) {
      report.held += 1;
      continue;
    }
    report.channelIds.add(channel.id);
    if (await attempt(context, channel, message)) report.sent += 1;
    else report.failed += 1;
  }
  return report;
}

async function attempt(context: SenderContext, channel: NotifyChannel, message: OutboxMessage): Promise<boolean> {
  const { store } = context;
  try {
    const text = messageFor(store, context.workspaceId, message, context.clock.now());
    await deliver(context, channel, text, message.id);
  } catch (error) {
    const reason = (error as Error).message;
    const attempts = message.attempts + 1;
    const retryAt = attempts >= MAX_ATTEMPTS ? null : context.wallNow() + retryDelayMs(attempts);
    store.outbox.markFailed(message.id, reason, retryAt);
    store.notifyChannels.recordAttempt(channel.id, context.wallNow(), reason);
    context.log(
      `${channel.kind} channel '${channel.name}': message ${message.id} not delivered (attempt ${attempts}${retryAt === null ? ', giving up' : ''}): ${reason}`,
    );
    return false;
  }
  store.outbox.markSent(message.id, context.wallNow());
  store.notifyChannels.recordAttempt(channel.id, context.wallNow());
  return true;
}
