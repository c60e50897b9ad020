import type Database from 'better-sqlite3';
import { DECISION_STATES, type DecisionState } from '@shared/domain/decision';
import { AcmError } from '@shared/errors';
import { formatMoney } from '@shared/money';
import { AccountZone, type LocalDay } from '@shared/zone';
import { settingText } from '../exports/setting-text';
import type { WorkspaceLabels } from '../exports/workspace-labels';

export interface DigestDecision {
  id: string;
  createdAt: number;
  agent: string;
  campaignId: string;
  /** e.g. `budget $100.00 → $120.00`, in the workspace's currency. */
  change: string;
  confidence: number;
  reasoning: string;
  /** Why it was blocked or escalated, when the store knows. */
  note: string | null;
}

export interface DigestConflict {
  id: string;
  createdAt: number;
  campaignId: string;
  setting: string;
  winner: string;
  loser: string;
  /** The losing agent's reasoning: the dissent to weigh. */
  dissent: string;
  reviewed: boolean;
}

export interface DigestOutcome {
  decisionId: string;
  agent: string;
  campaignId: string;
  metric: string;
  predicted: number;
  low80: number;
  high80: number;
  actual: number;
}

export interface DigestAlert {
  id: string;
  createdAt: number;
  agent: string | null;
  message: string;
  state: string;
}

export interface DailyDigest {
  /** The local day reviewed, YYYY-MM-DD, from midnight to midnight in `timezone`. */
  date: string;
  /** The IANA zone of the workspace, whose midnights bound the day. */
  timezone: string;
  /** Hours in the day: 24, or 23 and 25 across a daylight-saving change. */
  hours: number;
  /** The workspace reviewed. */
  workspace: string;
  /** ISO 4217 code of every amount in the digest. */
  currency: string;
  /** What needs a person, in the order to look at it. */
  exceptions: {
    /** Waiting now, whenever raised: every hour unanswered is an hour the agent holds back. */
    escalationsWaiting: DigestDecision[];
    blocked: DigestDecision[];
    /** Raised that day, or older and still unreviewed. */
    conflictsWithDissent: DigestConflict[];
    /** Evaluated that day and outside their 80% interval. */
    missedOutcomes: DigestOutcome[];
    /** Raised that day, or older and still open. */
    goalsAtRisk: DigestAlert[];
  };
  /** Everything else about the day, counted. */
  summary: {
    decisions: Record<DecisionState, number>;
    autonomous: number;
    byAgent: { agent: string; decisions: number; executed: number }[];
    outcomes: { evaluated: number; withinInterval: number; directionCorrect: number };
    alertsRaised: number;
    auditEntries: number;
    latestCheckpoint: { count: number; signedAt: number } | null;
  };
}

const DECISION_FIELDS = `d.id, d.created_at AS createdAt, a.name AS agent, d.campaign_id AS campaignId, d.kind, d.before, d.after,
  d.confidence, d.reasoning, d.error AS note FROM decisions d JOIN agents a ON a.id = d.agent_id`;

type DecisionRow = Omit<DigestDecision, 'change'> & { kind: string; before: string; after: string };

/** The words of a change, amounts as the workspace's currency writes them, the same on every machine. */
const changeText = (currency: string) => {
  const money = (amount: number) => formatMoney(amount, currency, 'en-US');
  return ({ kind, before, after, ...rest }: DecisionRow): DigestDecision => ({
    ...rest,
    change: `${kind} ${settingText(before, `decision ${rest.id} before`, money)} → ${settingText(after, `decision ${rest.id} after`, money)}`,
  });
};

/** The local day of `date`, else of the latest decision, else today: what a reviewer opening the app means by "today". */
function reviewedDay(sqlite: Database.Database, zone: AccountZone, date: string | undefined): LocalDay {
  if (date !== undefined) {
    try {
      return zone.dayOfDate(date);
    } catch {
      throw new AcmError('INVALID_INPUT', `daily digest: '${date}' is not a day (YYYY-MM-DD)`);
    }
  }
  const latest = sqlite.prepare('SELECT max(created_at) FROM decisions').pluck().get() as number | null;
  return zone.day(latest ?? Date.now());
}

/**
 * The review of one local day of the workspace, from its local midnight to the next (23 or 25
 * hours across a daylight-saving change): `date` 'YYYY-MM-DD', by default the day of the latest
 * decision.
 */
export function dailyDigest(sqlite: Database.Database, labels: WorkspaceLabels, date?: string): DailyDigest {
  const zone = AccountZone.of(labels.timezone);
  const day = reviewedDay(sqlite, zone, date);
  const { startMs: dayStart, endMs: end } = day;
  const toDigestDecision = changeText(labels.currency);
  const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];

  const escalationsWaiting = all<DecisionRow>(`SELECT ${DECISION_FIELDS} WHERE d.state = 'escalated' AND d.created_at < ? ORDER BY d.created_at`, end);
  const blocked = all<DecisionRow>(
    `SELECT ${DECISION_FIELDS} WHERE d.state = 'blocked' AND d.created_at >= ? AND d.created_at < ? ORDER BY d.created_at`,
    dayStart,
    end,
  );
  const conflicts = all<{
    id: string;
    createdAt: number;
    campaignId: string;
    setting: string;
    winner: string;
    loser: string;
    loserProposal: string;
    reviewed: number;
  }>(
    `SELECT c.id, c.created_at AS createdAt, c.campaign_id AS campaignId, c.setting, w.name AS winner, l.name AS loser,
            c.loser_proposal AS loserProposal, c.reviewed
     FROM conflicts c JOIN agents w ON w.id = c.winner_agent_id JOIN agents l ON l.id = c.loser_agent_id
     WHERE c.created_at < ? AND (c.created_at >= ? OR c.reviewed = 0) ORDER BY c.reviewed, c.created_at`,
    end,
    dayStart,
  );
  const missedOutcomes = all<DigestOutcome>(
    `SELECT o.decision_id AS decisionId, a.name AS agent, d.campaign_id AS campaignId, d.prediction_metric AS metric,
            d.prediction_point AS predicted, d.prediction_low80 AS low80, d.prediction_high80 AS high80, o.actual
     FROM outcomes o JOIN decisions d ON d.id = o.decision_id JOIN agents a ON a.id = d.agent_id
     WHERE o.evaluated_at >= ? AND o.evaluated_at < ? AND o.within_interval = 0 ORDER BY o.evaluated_at`,
    dayStart,
    end,
  );
  const goalsAtRisk = all<DigestAlert>(
    `SELECT al.id, al.created_at AS createdAt, a.name AS agent, al.message, al.state FROM alerts al LEFT JOIN agents a ON a.id = al.agent_id
     WHERE al.kind = 'goal_at_risk' AND al.created_at < ? AND (al.created_at >= ? OR al.state = 'open') ORDER BY al.created_at`,
    end,
    dayStart,
  );

  const decisions = Object.fromEntries(DECISION_STATES.map((s) => [s, 0])) as Record<DecisionState, number>;
  for (const { state, n } of all<{ state: DecisionState; n: number }>(
    'SELECT state, count(*) AS n FROM decisions WHERE created_at >= ? AND created_at < ? GROUP BY state',
    dayStart,
    end,
  )) {
    decisions[state] = n;
  }
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  const checkpoint = one<{ count: number; signedAt: number } | undefined>(
    'SELECT entry_count AS count, signed_at AS signedAt FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
  );
  return {
    date: day.date,
    timezone: zone.id,
    hours: zone.hoursInDay(dayStart),
    workspace: labels.name,
    currency: labels.currency,
    exceptions: {
      escalationsWaiting: escalationsWaiting.map(toDigestDecision),
      blocked: blocked.map(toDigestDecision),
      conflictsWithDissent: conflicts.map(({ loserProposal, reviewed, ...c }) => ({
        ...c,
        dissent: (JSON.parse(loserProposal) as { reasoning: string }).reasoning,
        reviewed: reviewed === 1,
      })),
      missedOutcomes,
      goalsAtRisk,
    },
    summary: {
      decisions,
      autonomous: one<{ n: number }>(
        `SELECT count(*) AS n FROM decisions WHERE created_at >= ? AND created_at < ? AND state IN ('executed', 'undone') AND approved_by IS NULL`,
        dayStart,
        end,
      ).n,
      byAgent: all(
        `SELECT a.name AS agent, count(*) AS decisions, coalesce(sum(d.state IN ('executed', 'undone')), 0) AS executed
         FROM decisions d JOIN agents a ON a.id = d.agent_id WHERE d.created_at >= ? AND d.created_at < ? GROUP BY a.name ORDER BY a.name`,
        dayStart,
        end,
      ),
      outcomes: one(
        `SELECT count(*) AS evaluated, coalesce(sum(within_interval), 0) AS withinInterval, coalesce(sum(direction_correct), 0) AS directionCorrect
         FROM outcomes WHERE evaluated_at >= ? AND evaluated_at < ?`,
        dayStart,
        end,
      ),
      alertsRaised: one<{ n: number }>('SELECT count(*) AS n FROM alerts WHERE created_at >= ? AND created_at < ?', dayStart, end).n,
      auditEntries: one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n,
      latestCheckpoint: checkpoint ?? null,
    },
  };
}
