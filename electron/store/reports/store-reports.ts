import type { Decision, Outcome } from '@shared/domain/decision';
import type { DecisionCursor, DecisionFilter } from '@shared/domain/decision-log';
import type { AccuracySummary, DecisionCounts } from '@shared/domain/run-figures';
import { dailyDigest, type DailyDigest } from '../audit/daily-digest';
import { writeDecisionsCsv } from '../exports/csv-export';
import { agentIdByName, type ExportFilter } from '../exports/export-rows';
import { writeDecisionsPdf, type PdfReportOptions } from '../exports/pdf-report';
import { labelsOf } from '../exports/workspace-labels';
import type { DecisionRepository } from '../repositories/decisions';
import type { Handles } from '../repositories/handles';
import { createWorkspaceProfileRepository } from '../repositories/workspace-profile';
import { outcomeOf, relatedOf } from './decision-context';
import { countDecisions, cursorAtOffset } from './decision-seek';
import { AccountZone } from '@shared/zone';
import { outcomeStats, type OutcomeStats, type OutcomeStatsQuery } from './outcome-stats';
import { accuracyTally, conflictCount, decisionTally } from './run-stats';

/** The store's read-only reports: every query the app, the command line and the lab run beyond the repositories. */
export interface StoreReports {
  outcomeOf(decisionId: string): Outcome | null;
  /** The undo that reversed a decision, or the decision an undo reverses. */
  relatedOf(decision: Decision): Decision[];
  countDecisions(filter?: DecisionFilter): number;
  /** Where a page starting `offset` rows into the filtered timeline begins. */
  cursorAtOffset(filter: DecisionFilter, offset: number): DecisionCursor | undefined;
  outcomeStats(query?: OutcomeStatsQuery): OutcomeStats;
  /** The review of a local day 'YYYY-MM-DD' of the workspace's zone (the day of the latest decision by default). */
  dailyDigest(date?: string): DailyDigest;
  /** What the agents did in a whole run, counted from the store alone: a simulation report's figures. */
  runTally(): { decisions: DecisionCounts; conflicts: number; accuracy: AccuracySummary };
  /** The id of the agent of that name; throws naming the agents there are when none has it. */
  agentIdByName(name: string): string;
}

/**
 * The decision timeline written as files: what the app's Export buttons and `acm audit export`
 * write, named, timed and priced by the workspace's profile (its zone and currency).
 */
export interface StoreExports {
  csv(file: string, filter?: ExportFilter): Promise<{ rows: number }>;
  pdf(file: string, options: PdfReportOptions): Promise<{ rows: number }>;
}

/** The workspace's name, currency and zone as files label them, read at each use (a workspace may be renamed). */
const labelsFrom = (handles: Handles) => {
  const profile = createWorkspaceProfileRepository(handles);
  return () => labelsOf(profile.get());
};

export function createStoreReports(handles: Handles, decisions: Pick<DecisionRepository, 'get'>): StoreReports {
  const { sqlite, db } = handles;
  const labels = labelsFrom(handles);
  return {
    outcomeOf: (decisionId) => outcomeOf(db, decisionId),
    relatedOf: (decision) => relatedOf(db, decisions, decision),
    countDecisions: (filter = {}) => countDecisions(sqlite, filter),
    cursorAtOffset: (filter, offset) => cursorAtOffset(sqlite, filter, offset),
    outcomeStats: (query = {}) => outcomeStats(sqlite, AccountZone.of(labels().timezone), query),
    dailyDigest: (date) => dailyDigest(sqlite, labels(), date),
    runTally: () => ({ decisions: decisionTally(sqlite), conflicts: conflictCount(sqlite), accuracy: accuracyTally(sqlite) }),
    agentIdByName: (name) => agentIdByName(sqlite, name),
  };
}

export function createStoreExports(handles: Handles): StoreExports {
  const { sqlite } = handles;
  const labels = labelsFrom(handles);
  return {
    csv: (file, filter = {}) => writeDecisionsCsv(sqlite, file, filter, labels()),
    pdf: (file, options) => writeDecisionsPdf(sqlite, file, options, labels()),
  };
}
