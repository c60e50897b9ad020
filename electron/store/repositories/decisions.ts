import { and, asc, count, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { DECISION_STATES, DECISION_TRANSITIONS, type Decision, type DecisionState } from '@shared/domain/decision';
import {
  MAX_PAGE_SIZE,
  type DecisionCursor,
  type DecisionFilter,
  type DecisionPage,
  type PlatformAttempt,
  type TransitionPatch,
} from '@shared/domain/decision-log';
import { AcmError } from '@shared/errors';
import { toJson } from '../json';
import { decisions } from '../schema';
import { DECISION_COLUMNS, decisionContent, decisionParams, toDecision } from './decision-rows';
import type { Handles } from './handles';

export interface DecisionRepository {
  insert(decision: Decision): Decision;
  /**
   * Compare-and-set: moves the decision from `expected` to `next` only if it is still in
   * `expected`, and says whether it did. Throws for a move DECISION_TRANSITIONS forbids and
   * for an unknown id.
   */
  transition(id: string, expected: DecisionState, next: DecisionState, patch?: TransitionPatch): boolean;
  get(id: string): Decision | undefined;
  /** Decisions committed as pending but not yet settled, oldest first: what a restart must settle. */
  listPending(): Decision[];
  /** Newest first, keyset-paged on (createdAt, id), so rows inserted meanwhile never shift a page. */
  page(filter?: DecisionFilter, cursor?: DecisionCursor, limit?: number): DecisionPage;
  countByState(filter?: Omit<DecisionFilter, 'states'>): Record<DecisionState, number>;
  /** One campaign's decisions that reached the platform (executed, or undone since), created at or after `from`, newest first. */
  reachedPlatform(campaignId: string, from: number): Decision[];
  /** Logs one platform call for the decision (an audit entry; the decision itself is unchanged). */
  recordAttempt(id: string, attempt: PlatformAttempt): void;
}

function conditions(filter: DecisionFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.agentId !== undefined) where.push(eq(decisions.agentId, filter.agentId));
  if (filter.campaignId !== undefined) where.push(eq(decisions.campaignId, filter.campaignId));
  if (filter.states) where.push(inArray(decisions.state, [...filter.states]));
  if (filter.kinds) where.push(inArray(decisions.kind, [...filter.kinds]));
  if (filter.from !== undefined) where.push(gte(decisions.createdAt, filter.from));
  if (filter.to !== undefined) where.push(lt(decisions.createdAt, filter.to));
  return where;
}

export function createDecisionRepository({ sqlite, db, audit }: Handles): DecisionRepository {
  function pageRows(filter: DecisionFilter, cursor: DecisionCursor | undefined, limit: number) {
    const where = conditions(filter);
    if (cursor) {
      // The plain upper bound lets SQLite range-scan the index; the OR alone would defeat it.
      where.push(
        lte(decisions.createdAt, cursor.createdAt),
        or(lt(decisions.createdAt, cursor.createdAt), and(eq(decisions.createdAt, cursor.createdAt), lt(decisions.id, cursor.id)))!,
      );
    }
    return db
      .select()
      .from(decisions)
      .where(and(...where))
      .orderBy(desc(decisions.createdAt), desc(decisions.id))
      .limit(limit)
      .all();
  }

  const insertStmt = sqlite.prepare(`INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`);
  const transitionStmt = sqlite.prepare(
    `UPDATE decisions SET state = ?, error = coalesce(?, error), executed_at = coalesce(?, executed_at),
       approved_by = coalesce(?, approved_by) WHERE id = ? AND state = ?
     RETURNING agent_id AS agentId, campaign_id AS campaignId`,
  );
  const stateStmt = sqlite.prepare('SELECT state FROM decisions WHERE id = ?').pluck();
  const byId = db
    .select()
    .from(decisions)
    .where(eq(decisions.id, sql.placeholder('id')))
    .prepare();
  // Asked for every decision the guard judges at the moment of execution: prepared once, read off the (campaign, created_at) index.
  const reached = db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.campaignId, sql.placeholder('campaignId')),
        gte(decisions.createdAt, sql.placeholder('from')),
        inArray(decisions.state, ['executed', 'undone']),
      ),
    )
    .orderBy(desc(decisions.createdAt), desc(decisions.id))
    .prepare();

  // Each change and its audit entry commit together or not at all (a savepoint when nested).
  const insertAudited = sqlite.transaction((decision: Decision, params: unknown[]) => {
    insertStmt.run(params);
    audit.append({
      kind: decision.parentDecisionId === undefined ? 'decision.proposed' : 'decision.undo',
      subject: decision.id,
      agentId: decision.agentId,
      campaignId: decision.campaignId,
      decisionId: decision.id,
      content: decisionContent(params),
      row: 'decisions',
    });
  });
  const transitionAudited = sqlite.transaction((id: string, expected: DecisionState, next: DecisionState, patch: TransitionPatch): boolean => {
    const row = transitionStmt.get(next, patch.error ?? null, patch.executedAt ?? null, patch.approvedBy ?? null, id, expected) as
      { agentId: string; campaignId: string } | undefined;
    if (!row) return false;
    audit.append({
      kind: patch.approvedBy === undefined ? 'decision.state' : 'decision.approved',
      subject: id,
      agentId: row.agentId,
      campaignId: row.campaignId,
      decisionId: id,
      content: toJson({ from: expected, to: next, ...patch }, `decision ${id} transition`),
      row: 'decisions',
    });
    return true;
  });

  const ownerStmt = sqlite.prepare('SELECT agent_id AS agentId, campaign_id AS campaignId FROM decisions WHERE id = ?');
  const attemptAudited = sqlite.transaction((id: string, attempt: PlatformAttempt) => {
    const row = ownerStmt.get(id) as { agentId: string; campaignId: string } | undefined;
    if (!row) throw new AcmError('NOT_FOUND', `no decision with id ${id}`);
    audit.append({
      kind: 'decision.attempt',
      subject: id,
      agentId: row.agentId,
      campaignId: row.campaignId,
      decisionId: id,
      content: toJson(attempt, `decision ${id} attempt`),
    });
  });

  return {
    recordAttempt(id, attempt) {
      // Reads the decision before writing: IMMEDIATE, or a second process could make the upgrade fail.
      attemptAudited.immediate(id, attempt);
    },
    insert(decision) {
      const params = decisionParams(decision);
      try {
        insertAudited(decision, params);
      } catch (e) {
        throw new Error(`decision ${decision.id}: ${(e as Error).message}`, { cause: e });
      }
      return decision;
    },
    transition(id, expected, next, patch = {}) {
      if (!DECISION_TRANSITIONS[expected].includes(next)) {
        throw new Error(`decision ${id}: a decision cannot go from ${expected} to ${next}`);
      }
      if (transitionAudited(id, expected, next, patch)) return true;
      if (stateStmt.get(id) === undefined) throw new AcmError('NOT_FOUND', `no decision with id ${id}`);
      return false;
    },
    get(id) {
      const row = byId.get({ id });
      return row && toDecision(row);
    },
    reachedPlatform(campaignId, from) {
      return reached.all({ campaignId, from }).map(toDecision);
    },
    listPending() {
      return db.select().from(decisions).where(eq(decisions.state, 'pending')).orderBy(asc(decisions.createdAt), asc(decisions.id)).all().map(toDecision);
    },
    page(filter = {}, cursor, limit = 50) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new RangeError(`decisions page limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
      }
      // SQLite cannot read several states off the (state, created_at, id) index in one ordered
      // pass: it would sort every matching row. One ordered pass per state, merged, stays fast.
      const states = filter.states && filter.states.length > 1 ? filter.states.map((s) => [s]) : [filter.states];
      const rows = states
        .flatMap((only) => pageRows({ ...filter, states: only }, cursor, limit + 1))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .slice(0, limit + 1);
      const items = rows.slice(0, limit).map(toDecision);
      const last = items[items.length - 1];
      return rows.length > limit ? { items, next: { createdAt: last.createdAt, id: last.id } } : { items };
    },
    countByState(filter = {}) {
      const counts = Object.fromEntries(DECISION_STATES.map((s) => [s, 0])) as Record<DecisionState, number>;
      const rows = db
        .select({ state: decisions.state, n: count() })
        .from(decisions)
        .where(and(...conditions(filter)))
        .groupBy(decisions.state)
        .all();
      for (const { state, n } of rows) counts[state] = n;
      return counts;
    },
  };
}
