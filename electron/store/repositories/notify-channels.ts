import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { AlertSeverity } from '@shared/domain/alert';
import type { EmailSettings, NotifyChannel, NotifyChannelSettings } from '@shared/domain/notify';
import { AcmError } from '@shared/errors';
import { fromJson, toJson } from '../json';
import { notifyChannels } from '../schema';
import type { Handles } from './handles';

export interface NotifyChannelRepository {
  /** Oldest first. */
  list(): NotifyChannel[];
  get(id: string): NotifyChannel | undefined;
  /** Adds a channel (with `id` when given: the headless host's scripted channels keep theirs) at `now`. */
  add(settings: NotifyChannelSettings, now: number, id?: string): NotifyChannel;
  /** Replaces a channel's settings; its delivery record stays. */
  update(id: string, settings: NotifyChannelSettings): NotifyChannel;
  /** Removes a channel and every message still queued for it; says whether it existed. */
  remove(id: string): boolean;
  /** One delivery attempt: `error` undefined when the receiver took the message. */
  recordAttempt(id: string, at: number, error?: string): void;
}

/** Channel ids name vault entries too, whose names allow letters, digits, '_' and ':' only. */
const newChannelId = () => randomUUID().replaceAll('-', '');

function toChannel(row: typeof notifyChannels.$inferSelect): NotifyChannel {
  const { quietStart, quietEnd, severities, email, ...rest } = row;
  return {
    ...rest,
    severities: fromJson<AlertSeverity[]>(severities, `notify channel ${row.id} severities`),
    quietHours: quietStart !== null && quietEnd !== null ? { start: quietStart, end: quietEnd } : null,
    email: email === null ? null : fromJson<EmailSettings>(email, `notify channel ${row.id} email`),
  };
}

function toRow(settings: NotifyChannelSettings, where: string) {
  return {
    kind: settings.kind,
    name: settings.name,
    enabled: settings.enabled,
    severities: toJson(settings.severities, `${where} severities`),
    quietStart: settings.quietHours?.start ?? null,
    quietEnd: settings.quietHours?.end ?? null,
    renotifyAfterMinutes: settings.renotifyAfterMinutes,
    digestHour: settings.digestHour,
    email: settings.email === null ? null : toJson(settings.email, `${where} email`),
  };
}

export function createNotifyChannelRepository({ db }: Handles): NotifyChannelRepository {
  const repo: NotifyChannelRepository = {
    list: () => db.select().from(notifyChannels).orderBy(asc(notifyChannels.createdAt), asc(notifyChannels.id)).all().map(toChannel),
    get(id) {
      const row = db.select().from(notifyChannels).where(eq(notifyChannels.id, id)).get();
      return row && toChannel(row);
    },
    add(settings, now, id = newChannelId()) {
      db.insert(notifyChannels)
        .values({ id, createdAt: now, ...toRow(settings, `notify channel ${id}`) })
        .run();
      return repo.get(id)!;
    },
    update(id, settings) {
      const existing = repo.get(id);
      if (!existing) throw new AcmError('NOT_FOUND', `no notification channel ${id}`);
      if (existing.kind !== settings.kind)
        throw new AcmError('INVALID_INPUT', `notification channel ${id} is a ${existing.kind} channel, not ${settings.kind}`, { path: 'kind' });
      db.update(notifyChannels)
        .set(toRow(settings, `notify channel ${id}`))
        .where(eq(notifyChannels.id, id))
        .run();
      return repo.get(id)!;
    },
    remove(id) {
      return db.delete(notifyChannels).where(eq(notifyChannels.id, id)).run().changes > 0;
    },
    recordAttempt(id, at, error) {
      const existing = repo.get(id);
      if (!existing) return;
      const delivered = error === undefined;
      db.update(notifyChannels)
        .set({
          lastAttemptAt: at,
          ...(delivered ? { lastDeliveredAt: at, failuresInARow: 0, lastError: null } : { failuresInARow: existing.failuresInARow + 1, lastError: error }),
        })
        .where(eq(notifyChannels.id, id))
        .run();
    },
  };
  return repo;
}
