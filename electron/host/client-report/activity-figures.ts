import type { Alert } from '@shared/domain/alert';
import type { Decision, DecisionState, Outcome } from '@shared/domain/decision';
import { everyDecision } from '@shared/domain/decision-log';
import type { ExperimentAnalysis } from '@shared/domain/experiment';
import type { AccountZone } from '@shared/zone';
import { analyseExperiment } from '@engine/experiments/analysis';
import type { Experiment, Store } from '@store/index';
import { experimentDays } from '@ipc/handlers/campaign-days';
import type { ReportPeriod } from './report-period';

/** A change an agent made, with what came of it once its window closed (null while it is open). */
export interface Change {
  decision: Decision;
  agent: string;
  campaign: string;
  outcome: Outcome | null;
}

export interface ExperimentLine {
  experiment: Experiment;
  analysis: ExperimentAnalysis;
}

export interface ActivityFigures {
  changes: Change[];
  /** Decisions waiting for a person's approval, and alerts nobody has acknowledged: now, not in the period. */
  escalated: Change[];
  alerts: Alert[];
  experiments: ExperimentLine[];
}

/** Changes that reached the platform: what a client is told the agents did. */
const REACHED: readonly DecisionState[] = ['executed', 'undone'];

/**
 * An experiment's verdict as the app shows it: from its campaigns' complete local days, the
 * pre-period through its end date, or up to the day a person stopped it.
 */
function analysed(store: Store, zone: AccountZone, experiment: Experiment, now: number): ExperimentAnalysis {
  const rows = experimentDays(store.metrics, zone, experiment, now);
  return analyseExperiment({ assignment: experiment.assignment, rows, startDate: experiment.startDate, seed: experiment.assignment.seed });
}

/** Experiments over by the period's end (finished or stopped), whose test days overlap it or came before it. */
function endedBy(experiment: Experiment, zone: AccountZone, period: ReportPeriod): boolean {
  if (experiment.status === 'running') return false;
  const ended = experiment.stopped ? experiment.stopped.at : zone.dayOfDate(experiment.endDate).endMs;
  return ended <= period.end;
}

export function activityFigures(store: Store, zone: AccountZone, period: ReportPeriod, now: number): ActivityFigures {
  const agents = new Map(store.agents.list().map((a) => [a.id, a.name]));
  const change = (decision: Decision): Change => ({
    decision,
    agent: agents.get(decision.agentId) ?? decision.agentId,
    campaign: store.snapshots.latest(decision.campaignId)?.campaign.name ?? decision.campaignId,
    outcome: store.reports.outcomeOf(decision.id),
  });
  const changes = [...everyDecision(store.decisions, { states: REACHED, from: period.start, to: period.end })].reverse().map(change);
  const escalated = [...everyDecision(store.decisions, { states: ['escalated'] })].reverse().map(change);
  const experiments = store.experiments
    .list()
    .filter((e) => endedBy(e, zone, period))
    .reverse()
    .map((experiment) => ({ experiment, analysis: analysed(store, zone, experiment, now) }));
  return { changes, escalated, alerts: store.alerts.listOpen().reverse(), experiments };
}
