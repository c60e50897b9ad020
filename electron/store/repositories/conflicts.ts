import { and, desc, eq, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AgentConflict, ConflictProposal, NewConflict } from '@shared/domain/conflict';
import { fromJson, toJson } from '../json';
import { conflicts } from '../schema';
import type { Handles } from './handles';

export interface ConflictRepository {
  insert(conflict: NewConflict): AgentConflict;
  /** Newest first. */
  list(filter?: { campaignId?: string; unreviewedOnly?: boolean; limit?: number }): AgentConflict[];
  /** Says whether the conflict was still unreviewed. */
  markReviewed(id: string): boolean;
}

function toConflict(row: typeof conflicts.$inferSelect): AgentConflict {
  return {
    ...row,
    winnerProposal: fromJson<ConflictProposal>(row.winnerProposal, `conflict ${row.id} winnerProposal`),
    loserProposal: fromJson<ConflictProposal>(row.loserProposal, `conflict ${row.id} loserProposal`),
  };
}

export function createConflictRepository({ sqlite, db, audit }: Handles): ConflictRepository {
  const insertAudited = sqlite.transaction((row: typeof conflicts.$inferInsert, stored: AgentConflict) => {
    db.insert(conflicts).values(row).run();
    audit.append({
      kind: 'conflict.recorded',
      subject: stored.id,
      agentId: stored.winnerAgentId,
      campaignId: stored.campaignId,
      decisionId: stored.winnerProposal.decisionId,
      content: toJson(stored, `conflict ${stored.id}`),
      row: 'conflicts',
    });
  });
  const reviewAudited = sqlite.transaction((id: string): boolean => {
    const [row] = db
      .update(conflicts)
      .set({ reviewed: true })
      .where(and(eq(conflicts.id, id), eq(conflicts.reviewed, false)))
      .returning({ agentId: conflicts.winnerAgentId, campaignId: conflicts.campaignId })
      .all();
    if (!row) return false;
    audit.append({
      kind: 'conflict.reviewed',
      subject: id,
      agentId: row.agentId,
      campaignId: row.campaignId,
      content: toJson({ reviewed: true }, `conflict ${id}`),
      row: 'conflicts',
    });
    return true;
  });

  return {
    insert(conflict) {
      const id = conflict.id ?? randomUUID();
      const where = `conflict ${id}`;
      const row = {
        ...conflict,
        id,
        winnerProposal: toJson(conflict.winnerProposal, `${where} winnerProposal`),
        loserProposal: toJson(conflict.loserProposal, `${where} loserProposal`),
        reviewed: false,
      };
      const stored: AgentConflict = { ...conflict, id, reviewed: false };
      try {
        insertAudited(row, stored);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
      }
      return stored;
    },
    list(filter = {}) {
      const where: SQL[] = [];
      if (filter.campaignId !== undefined) where.push(eq(conflicts.campaignId, filter.campaignId));
      if (filter.unreviewedOnly) where.push(eq(conflicts.reviewed, false));
      const query = db
        .select()
        .from(conflicts)
        .where(and(...where))
        .orderBy(desc(conflicts.createdAt), desc(conflicts.id));
      return (filter.limit === undefined ? query.all() : query.limit(filter.limit).all()).map(toConflict);
    },
    markReviewed(id) {
      return reviewAudited(id);
    },
  };
}
