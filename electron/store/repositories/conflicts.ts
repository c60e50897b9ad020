import { and, desc, eq, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { AgentConflict, ConflictProposal } from '../../../shared/domain/conflict';
import { fromJson, toJson } from '../json';
import { conflicts } from '../schema';
import type { Handles } from './handles';

export type NewConflict = Omit<AgentConflict, 'id' | 'reviewed'> & { id?: string };

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

export function createConflictRepository({ db }: Handles): ConflictRepository {
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
      try {
        db.insert(conflicts).values(row).run();
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
      }
      return { ...conflict, id, reviewed: false };
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
      return db.update(conflicts).set({ reviewed: true }).where(and(eq(conflicts.id, id), eq(conflicts.reviewed, false))).run().changes === 1;
    },
  };
}
