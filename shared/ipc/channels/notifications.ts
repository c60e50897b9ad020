import { z } from 'zod';
import { ALERT_SEVERITIES } from '../../domain/alert';
import { NOTIFY_CHANNEL_KINDS, NOTIFY_TOPICS, OUTBOX_STATES } from '../../domain/notify';
import { isClockTime } from '../../notify/quiet-hours';
import { channel, event } from '../define';

const clockTime = z.string().refine(isClockTime, 'must be a time of day HH:MM (00:00 to 23:59)');
const address = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@<>,]+@[^\s@<>,]+$/, 'must be an e-mail address such as ops@agency.com');

export const quietHoursSchema = z.object({ start: clockTime, end: clockTime }).strict();

export const emailSettingsSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    user: z.string().max(320).default(''),
    from: address,
    to: z.array(address).min(1, 'name at least one recipient').max(50),
  })
  .strict();

/** A channel's settings as the UI edits them; its secret travels beside them, in `saveChannel` only. */
export const channelSettingsSchema = z
  .object({
    kind: z.enum(NOTIFY_CHANNEL_KINDS),
    name: z.string().trim().min(1).max(80),
    enabled: z.boolean().default(true),
    severities: z.array(z.enum(ALERT_SEVERITIES)).min(1, 'pick at least one severity'),
    quietHours: quietHoursSchema.nullable().default(null),
    renotifyAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable()
      .default(null),
    digestHour: z.number().int().min(0).max(23).nullable().default(null),
    email: emailSettingsSchema.nullable().default(null),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.kind === 'email' && settings.email === null)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'an e-mail channel needs its SMTP server and recipients' });
    if (settings.kind === 'slack' && settings.email !== null)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'a Slack channel has no e-mail settings' });
    if (settings.kind === 'slack' && settings.digestHour !== null)
      ctx.addIssue({ code: 'custom', path: ['digestHour'], message: 'the daily digest goes by e-mail only' });
  });

/** A channel as the settings screen lists it: never its secret, only whether one is stored. */
export const channelViewSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  kind: z.enum(NOTIFY_CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  severities: z.array(z.enum(ALERT_SEVERITIES)),
  quietHours: quietHoursSchema.nullable(),
  renotifyAfterMinutes: z.number().int().nullable(),
  digestHour: z.number().int().nullable(),
  email: emailSettingsSchema.nullable(),
  lastAttemptAt: z.number().nullable(),
  lastDeliveredAt: z.number().nullable(),
  /** "Slack: last delivery failed 3 times: 404" is `failuresInARow` and `lastError`. */
  failuresInARow: z.number().int(),
  lastError: z.string().nullable(),
  /** Whether the vault holds its webhook URL or SMTP password. */
  hasSecret: z.boolean(),
  /** Set by `acm serve --notify-webhook` or `--smtp` for this run: read-only here. */
  scripted: z.boolean(),
});
export type NotifyChannelView = z.infer<typeof channelViewSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  topic: z.enum(NOTIFY_TOPICS),
  subject: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  alertId: z.string().nullable(),
  createdAt: z.number(),
  dueAt: z.number(),
  attempts: z.number().int(),
  state: z.enum(OUTBOX_STATES),
  lastError: z.string().nullable(),
  sentAt: z.number().nullable(),
});

const idSchema = z.string().min(1).max(64);

export const notificationChannels = {
  'notifications.listChannels': channel(z.object({}).strict(), z.object({ channels: z.array(channelViewSchema) })),
  /**
   * Adds a channel (no `id`) or replaces one's settings. `secret` is the Slack webhook URL or the
   * SMTP password, kept in the credential vault; required for a new Slack channel, and left as it
   * is when omitted on an update.
   */
  'notifications.saveChannel': channel(
    z.object({ id: idSchema.optional(), settings: channelSettingsSchema, secret: z.string().min(1).max(2048).optional() }).strict(),
    channelViewSchema,
  ),
  /** Removes a channel, its secret and the messages still queued for it. */
  'notifications.removeChannel': channel(z.object({ id: idSchema }).strict(), z.object({ removed: z.boolean() })),
  /** "Send test": one message now, outside the outbox; the answer says whether the receiver took it. */
  'notifications.testChannel': channel(z.object({ id: idSchema }).strict(), z.object({ delivered: z.boolean(), error: z.string().optional() })),
  /** Messages, newest first: what was sent, what waits (quiet hours, backoff) and what failed, with why. */
  'notifications.outbox': channel(
    z
      .object({
        channelId: idSchema.optional(),
        states: z.array(z.enum(OUTBOX_STATES)).min(1).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    z.object({ messages: z.array(outboxMessageSchema) }),
  ),
  /** Queues a failed message again. */
  'notifications.retry': channel(z.object({ id: z.string().min(1).max(64) }).strict(), z.object({ retried: z.boolean() })),
};

export const notificationEvents = {
  /** A delivery was attempted, or a channel changed: the settings screen refetches. */
  'notification.changed': event(z.object({ channelId: z.string() })),
};
