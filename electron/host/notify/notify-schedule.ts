import { HOUR_MS } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { Store } from '../../store';

/**
 * Queues what falls due with time rather than with an alert: the one reminder of an escalation
 * still unanswered on a channel, and each e-mail channel's digest of yesterday once its local
 * hour has come. Both are queued once (the outbox keeps one message per channel and subject),
 * however often this runs and across restarts.
 */
export function queueTimedMessages(store: Pick<Store, 'outbox' | 'notifyChannels'>, accountNow: number, zone: AccountZone): void {
  for (const due of store.outbox.renotifyDue(accountNow)) {
    store.outbox.enqueue({ topic: 'renotify', subject: due.alertId, severity: due.severity, alertId: due.alertId, createdAt: accountNow }, [due.channelId]);
  }
  const today = zone.day(accountNow);
  for (const channel of store.notifyChannels.list()) {
    if (channel.kind !== 'email' || !channel.enabled || channel.digestHour === null) continue;
    if (zone.hour(accountNow) < channel.digestHour) continue;
    // A channel added after today's hour starts with tomorrow's digest (within an hour on a daylight-saving day).
    if (channel.createdAt > today.startMs + channel.digestHour * HOUR_MS) continue;
    const yesterday = zone.date(zone.addLocalDays(today.startMs, -1));
    store.outbox.enqueue({ topic: 'digest', subject: yesterday, severity: 'info', createdAt: accountNow }, [channel.id]);
  }
}
