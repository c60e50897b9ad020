import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { ALERT_SEVERITIES, type Alert, type AlertSeverity, type AlertState, type NewAlert } from '@shared/domain/alert';
import type { AuditKind } from '@shared/domain/audit';
import { AcmError } from '@shared/errors';
import { toJson } from '../json';
import { alerts } from '../schema';
import type { Handles } from './handles';
import type { NotifyOutboxRepository } from './notify-outbox';

export type OpenAlertCounts = Record<AlertSeverity, number> & { total: number };

export interface AlertRepository {
  raise(alert: NewAlert): Alert;
  get(id: string): Alert | undefined;
  /** Newest first. */
  list(filter?: { states?: readonly AlertState[]; limit?: number }): Alert[];
  /** Alerts nobody has acknowledged yet, newest first. */
  listOpen(): Alert[];
  /** The alerts about one decision, oldest first. */
  forDecision(decisionId: string): Alert[];
  /** Unacknowledged alerts by severity: what a badge shows. */
  countOpen(): OpenAlertCounts;
  /** open → acknowledged; says whether the alert was open. */
  acknowledge(id: string): boolean;
  /** open or acknowledged → resolved; says whether it was unresolved. */
  resolve(id: string): boolean;
}

function toAlert(row: typeof alerts.$inferSelect): Alert {
  const { agentId, decisionId, ...rest } = row;
  return { ...rest, ...(agentId === null ? {} : { agentId }), ...(decisionId === null ? {} : { decisionId }) };
}

const MOVE_KINDS: Record<Exclude<AlertState, 'open'>, AuditKind> = { acknowledged: 'alert.acknowledged', resolved: 'alert.resolved' };

/** `outbox`: the alert's Slack and e-mail messages are queued in the transaction that raises it, so none is lost to a crash. */
export function createAlertRepository({ sqlite, db, audit }: Handles, outbox: Pick<NotifyOutboxRepository, 'enqueueAlert'>): AlertRepository {
  const moveAudited = sqlite.transaction((id: string, from: AlertState[], to: Exclude<AlertState, 'open'>): boolean => {
    const [moved] = db
      .update(alerts)
      .set({ state: to })
      .where(and(eq(alerts.id, id), inArray(alerts.state, from)))
      .returning({ agentId: alerts.agentId, decisionId: alerts.decisionId })
      .all();
    if (!moved) return false;
    audit.append({
      kind: MOVE_KINDS[to],
      subject: id,
      agentId: moved.agentId,
      decisionId: moved.decisionId,
      content: toJson({ to }, `alert ${id}`),
      row: 'alerts',
    });
    return true;
  });
  const raiseAudited = sqlite.transaction((stored: Alert) => {
    db.insert(alerts).values(stored).run();
    audit.append({
      kind: 'alert.raised',
      subject: stored.id,
      agentId: stored.agentId,
      decisionId: stored.decisionId,
      content: toJson(stored, `alert ${stored.id}`),
      row: 'alerts',
    });
    outbox.enqueueAlert(stored);
  });

  function move(id: string, from: AlertState[], to: Exclude<AlertState, 'open'>): boolean {
    if (moveAudited(id, from, to)) return true;
    if (!db.select({ id: alerts.id }).from(alerts).where(eq(alerts.id, id)).get()) throw new AcmError('NOT_FOUND', `no alert with id ${id}`);
    return false;
  }

  const repo: AlertRepository = {
    raise(alert) {
      const stored: Alert = { ...alert, id: alert.id ?? randomUUID(), state: 'open' };
      try {
        raiseAudited(stored);
      } catch (e) {
        throw new Error(`alert ${stored.id}: ${(e as Error).message}`, { cause: e });
      }
      return stored;
    },
    get(id) {
      const row = db.select().from(alerts).where(eq(alerts.id, id)).get();
      return row && toAlert(row);
    },
    list(filter = {}) {
      const query = db
        .select()
        .from(alerts)
        .where(filter.states ? inArray(alerts.state, [...filter.states]) : undefined)
        .orderBy(desc(alerts.createdAt), desc(alerts.id));
      return (filter.limit === undefined ? query.all() : query.limit(filter.limit).all()).map(toAlert);
    },
    listOpen() {
      return repo.list({ states: ['open'] });
    },
    forDecision(decisionId) {
      return db.select().from(alerts).where(eq(alerts.decisionId, decisionId)).orderBy(asc(alerts.createdAt), asc(alerts.id)).all().map(toAlert);
    },
    countOpen() {
      const counts = { total: 0, ...Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) } as OpenAlertCounts;
      const rows = db.select({ severity: alerts.severity, n: count() }).from(alerts).where(eq(alerts.state, 'open')).groupBy(alerts.severity).all();
      for (const { severity, n } of rows) {
        counts[severity] = n;
        counts.total += n;
      }
      return counts;
    },
    acknowledge(id) {
      return move(id, ['open'], 'acknowledged');
    },
    resolve(id) {
      return move(id, ['open', 'acknowledged'], 'resolved');
    },
  };
  return repo;
}
