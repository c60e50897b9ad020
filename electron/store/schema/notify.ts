import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ALERT_SEVERITIES } from '@shared/domain/alert';
import { NOTIFY_CHANNEL_KINDS, NOTIFY_TOPICS, OUTBOX_STATES } from '@shared/domain/notify';
import { alerts } from './alerts';
import { oneOf } from './sql-lists';

/** A workspace's Slack and e-mail channels: settings and how delivery went lately; never a secret (those are in the credential vault). */
export const notifyChannels = sqliteTable(
  'notify_channels',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: NOTIFY_CHANNEL_KINDS }).notNull(),
    name: text('name').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** JSON array of alert severities. */
    severities: text('severities').notNull(),
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    renotifyAfterMinutes: integer('renotify_after_minutes'),
    digestHour: integer('digest_hour'),
    /** JSON EmailSettings for an e-mail channel. */
    email: text('email'),
    createdAt: integer('created_at').notNull(),
    lastAttemptAt: integer('last_attempt_at'),
    lastDeliveredAt: integer('last_delivered_at'),
    failuresInARow: integer('failures_in_a_row').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [check('notify_channel_kind_valid', oneOf(t.kind, NOTIFY_CHANNEL_KINDS))],
);

/**
 * Messages waiting for (or done with) delivery, one per channel and subject. An alert's rows are
 * written in the transaction that raises it, so an alert is never raised without its messages;
 * the sender marks each sent once its receiver took it.
 */
export const notifyOutbox = sqliteTable(
  'notify_outbox',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => notifyChannels.id, { onDelete: 'cascade' }),
    topic: text('topic', { enum: NOTIFY_TOPICS }).notNull(),
    subject: text('subject').notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    alertId: text('alert_id').references(() => alerts.id),
    payload: text('payload'),
    createdAt: integer('created_at').notNull(),
    dueAt: integer('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    state: text('state', { enum: OUTBOX_STATES }).notNull().default('pending'),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('notify_outbox_subject').on(t.channelId, t.topic, t.subject),
    index('notify_outbox_state_due').on(t.state, t.dueAt),
    check('notify_outbox_topic_valid', oneOf(t.topic, NOTIFY_TOPICS)),
    check('notify_outbox_state_valid', oneOf(t.state, OUTBOX_STATES)),
    check('notify_outbox_severity_valid', oneOf(t.severity, ALERT_SEVERITIES)),
  ],
);
