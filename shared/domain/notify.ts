import type { AlertSeverity } from './alert';

/**
 * Where a workspace's alerts reach people away from the app: a Slack incoming webhook or an
 * e-mail address list over SMTP. Secrets (the webhook URL, the SMTP password) are never part of
 * these records: they live in the credential vault under `notifySecretEntry`.
 */

export const NOTIFY_CHANNEL_KINDS = ['slack', 'email'] as const;
export type NotifyChannelKind = (typeof NOTIFY_CHANNEL_KINDS)[number];

/**
 * What a message is about: an alert, the one reminder of an escalation still unanswered, the
 * daily digest (e-mail only), a kill switch a person used.
 */
export const NOTIFY_TOPICS = ['alert', 'renotify', 'digest', 'kill_switch'] as const;
export type NotifyTopic = (typeof NOTIFY_TOPICS)[number];

/** `pending` until the receiver took it, `failed` once the retries ran out, `skipped` when its channel went away or was turned off. */
export const OUTBOX_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Local times 'HH:MM' in the workspace's zone; `start` after `end` spans midnight (22:00 to 07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

/** Where and as whom mail is sent; the password is in the vault. */
export interface EmailSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, port 465); otherwise the server must offer STARTTLS, or nothing is sent. */
  secure: boolean;
  /** Empty for a server that takes mail without logging in (a relay on the same machine). */
  user: string;
  from: string;
  to: string[];
}

export interface NotifyChannelSettings {
  kind: NotifyChannelKind;
  name: string;
  enabled: boolean;
  /** The alert severities it receives; critical alerts ignore quiet hours. */
  severities: AlertSeverity[];
  quietHours: QuietHours | null;
  /** An escalation still unanswered this long after its alert is sent once more; null: never. */
  renotifyAfterMinutes: number | null;
  /** The local hour (0–23) the daily digest of the day before is e-mailed; null: no digest. */
  digestHour: number | null;
  /** Only for `email`. */
  email: EmailSettings | null;
}

/** How deliveries to a channel went lately, for "Slack: last delivery failed 3 times: 404". */
export interface ChannelDelivery {
  lastAttemptAt: number | null;
  lastDeliveredAt: number | null;
  failuresInARow: number;
  lastError: string | null;
}

export interface NotifyChannel extends NotifyChannelSettings, ChannelDelivery {
  id: string;
  createdAt: number;
}

/** One message to one channel, kept until it is delivered: what survives a restart. */
export interface OutboxMessage {
  /** Also the id the receiver deduplicates on: in the Slack text, the e-mail's Message-ID. */
  id: string;
  channelId: string;
  topic: NotifyTopic;
  /** What the message is about (an alert id, a local date, …); one message per channel, topic and subject. */
  subject: string;
  severity: AlertSeverity;
  alertId: string | null;
  /** Topic-specific facts (the agents a kill switch paused, the digest's date), JSON. */
  payload: string | null;
  createdAt: number;
  /** Not tried before this instant (the retry backoff), epoch ms of the wall clock. */
  dueAt: number;
  attempts: number;
  state: OutboxState;
  lastError: string | null;
  sentAt: number | null;
}

/** The vault entry holding a channel's secret: the webhook URL of a Slack channel, the SMTP password of an e-mail one. */
export function notifySecretEntry(kind: NotifyChannelKind, channelId: string): string {
  return `notify:${kind}:${channelId}`;
}
