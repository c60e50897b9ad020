import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Alert, AlertSeverity } from '@shared/domain/alert';
import type { NotifyTopic, OutboxMessage, OutboxState } from '@shared/domain/notify';
import { AcmError } from '@shared/errors';
import { fromJson } from '../json';
import { notifyChannels, notifyOutbox } from '../schema';
import type { Handles } from './handles';

/** A message before it is queued: the same one goes to every channel that takes it. */
export interface NewOutboxMessage {
  topic: NotifyTopic;
  subject: string;
  severity: AlertSeverity;
  alertId?: string;
  payload?: string;
  /** On the account's clock, like the alert it is about. */
  createdAt: number;
}

/** An escalation whose alert reached a channel, is still unanswered, and is due its one reminder there. */
export interface RenotifyDue {
  channelId: string;
  alertId: string;
  severity: AlertSeverity;
}

export interface NotifyOutboxRepository {
  /**
   * Queues an alert for every enabled channel that receives its severity; called inside the
   * transaction that raises the alert. Returns how many messages were queued.
   */
  enqueueAlert(alert: Alert): number;
  /** Queues one message for the channels `channelIds` (every enabled one taking its severity when omitted); a subject already queued there is left as it is. */
  enqueue(message: NewOutboxMessage, channelIds?: readonly string[]): number;
  /** Pending messages whose backoff has passed at `wallNow`, oldest first. */
  due(wallNow: number, limit?: number): OutboxMessage[];
  get(id: string): OutboxMessage | undefined;
  markSent(id: string, wallNow: number): void;
  /** A failed attempt: tried again from `retryAt`, or `failed` for good when it is null. */
  markFailed(id: string, error: string, retryAt: number | null): void;
  /** Never sent, for the reason given (its channel was turned off). */
  skip(id: string, reason: string): void;
  /** Newest first. */
  list(filter?: { channelId?: string; states?: readonly OutboxState[]; limit?: number }): OutboxMessage[];
  /** A failed message queued again, its attempts counted anew; says whether it was failed. */
  retry(id: string, wallNow: number): boolean;
  /** Escalations still waiting for a person whose first message was sent and whose channel's reminder time has passed at `accountNow`. */
  renotifyDue(accountNow: number): RenotifyDue[];
}

const toMessage = (row: typeof notifyOutbox.$inferSelect): OutboxMessage => row;

export function createNotifyOutboxRepository({ sqlite, db }: Handles): NotifyOutboxRepository {
  const receivers = (severity: AlertSeverity): string[] =>
    db
      .select({ id: notifyChannels.id, severities: notifyChannels.severities })
      .from(notifyChannels)
      .where(eq(notifyChannels.enabled, true))
      .all()
      .filter((c) => fromJson<AlertSeverity[]>(c.severities, `notify channel ${c.id} severities`).includes(severity))
      .map((c) => c.id);

  const repo: NotifyOutboxRepository = {
    enqueueAlert(alert) {
      return repo.enqueue({ topic: 'alert', subject: alert.id, severity: alert.severity, alertId: alert.id, createdAt: alert.createdAt });
    },
    enqueue(message, channelIds) {
      const targets = channelIds ?? receivers(message.severity);
      if (targets.length === 0) return 0;
      const rows = targets.map((channelId) => ({
        id: randomUUID(),
        channelId,
        topic: message.topic,
        subject: message.subject,
        severity: message.severity,
        alertId: message.alertId ?? null,
        payload: message.payload ?? null,
        createdAt: message.createdAt,
        dueAt: 0,
      }));
      return db.insert(notifyOutbox).values(rows).onConflictDoNothing().run().changes;
    },
    due(wallNow, limit = 100) {
      return db
        .select()
        .from(notifyOutbox)
        .where(and(eq(notifyOutbox.state, 'pending'), lte(notifyOutbox.dueAt, wallNow)))
        .orderBy(asc(notifyOutbox.createdAt), asc(notifyOutbox.id))
        .limit(limit)
        .all()
        .map(toMessage);
    },
    get(id) {
      const row = db.select().from(notifyOutbox).where(eq(notifyOutbox.id, id)).get();
      return row && toMessage(row);
    },
    markSent(id, wallNow) {
      const row = repo.get(id);
      db.update(notifyOutbox)
        .set({ state: 'sent', sentAt: wallNow, attempts: (row?.attempts ?? 0) + 1, lastError: null })
        .where(eq(notifyOutbox.id, id))
        .run();
    },
    markFailed(id, error, retryAt) {
      const row = repo.get(id);
      db.update(notifyOutbox)
        .set({ attempts: (row?.attempts ?? 0) + 1, lastError: error, ...(retryAt === null ? { state: 'failed' as const } : { dueAt: retryAt }) })
        .where(eq(notifyOutbox.id, id))
        .run();
    },
    skip(id, reason) {
      db.update(notifyOutbox).set({ state: 'skipped', lastError: reason }).where(eq(notifyOutbox.id, id)).run();
    },
    list(filter = {}) {
      const conditions = [
        filter.channelId === undefined ? undefined : eq(notifyOutbox.channelId, filter.channelId),
        filter.states === undefined ? undefined : inArray(notifyOutbox.state, [...filter.states]),
      ];
      return db
        .select()
        .from(notifyOutbox)
        .where(and(...conditions))
        .orderBy(desc(notifyOutbox.createdAt), desc(notifyOutbox.id))
        .limit(filter.limit ?? 200)
        .all()
        .map(toMessage);
    },
    retry(id, wallNow) {
      if (!repo.get(id)) throw new AcmError('NOT_FOUND', `no notification message ${id}`);
      return (
        db
          .update(notifyOutbox)
          .set({ state: 'pending', attempts: 0, dueAt: wallNow })
          .where(and(eq(notifyOutbox.id, id), eq(notifyOutbox.state, 'failed')))
          .run().changes > 0
      );
    },
    renotifyDue(accountNow) {
      return sqlite
        .prepare(
          `SELECT o.channel_id AS channelId, a.id AS alertId, a.severity
           FROM notify_outbox o
           JOIN alerts a ON a.id = o.alert_id
           JOIN decisions d ON d.id = a.decision_id
           JOIN notify_channels c ON c.id = o.channel_id
           WHERE o.topic = 'alert' AND o.state = 'sent' AND a.kind IN ('escalation', 'low_confidence') AND d.state = 'escalated'
             AND c.enabled = 1 AND c.renotify_after_minutes IS NOT NULL AND a.created_at + c.renotify_after_minutes * 60000 <= ?
             AND NOT EXISTS (SELECT 1 FROM notify_outbox r WHERE r.channel_id = o.channel_id AND r.topic = 'renotify' AND r.subject = a.id)
           ORDER BY a.created_at`,
        )
        .all(accountNow) as RenotifyDue[];
    },
  };
  return repo;
}
