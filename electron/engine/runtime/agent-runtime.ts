import type { AgentStatus, ReviewReport } from '@shared/domain/agent';
import { AcmError } from '@shared/errors';
import type { Decision } from '@shared/domain/decision';
import type { AgentDefinition } from '@shared/scenario/schema';
import { HOUR_MS } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { evaluateOutcomes } from '../agents/outcomes';
import type { ExecutionOutcome, Executor } from '../execution/executor';
import { AccountView } from './account-view';
import { DecisionDesk } from './decision-desk';
import { Escalations } from './escalations';
import { describeGap } from './gap';
import { Notices } from './notices';
import { AgentRoster } from './roster';
import { ReviewCycle } from './review-cycle';
import type { AgentPreview, RuntimeDeps, StatusChange, UndoOptions } from './runtime-deps';

export { ESCALATION_TTL_MS } from './escalations';
export type { AgentPreview, RuntimeChange, RuntimeDeps, StatusChange, UndoOptions } from './runtime-deps';

/**
 * The loop of DESIGN.md for every agent of one account: wakes each on its cadence, observes,
 * forecasts, proposes, guards, executes, records and learns; and takes a person's word (pause,
 * resume, terminate, approve, reject, undo) at once. A facade over the roster (the agents and
 * their status), the review cycle, the decision desk (guard, record, execute) and escalations.
 */
export class AgentRuntime {
  private readonly roster: AgentRoster;
  private readonly view: AccountView;
  private readonly desk: DecisionDesk;
  private readonly escalations: Escalations;
  private readonly cycle: ReviewCycle;
  private readonly notices: Notices;

  constructor(private readonly deps: RuntimeDeps) {
    const notices = new Notices(deps);
    this.notices = notices;
    this.roster = new AgentRoster(deps, notices);
    this.view = new AccountView(deps.platform);
    this.desk = new DecisionDesk(deps, this.roster, this.view, notices);
    this.escalations = new Escalations(deps, this.roster, this.view, this.desk, notices);
    this.cycle = new ReviewCycle(deps, this.roster, this.view, this.desk, this.escalations, notices);
  }

  get executor(): Executor {
    return this.desk.executor;
  }

  /**
   * Takes up the agents the store already has (after a restart) and settles what was left
   * unsettled: a decision still `proposed` was never guarded nor sent (cancelled); one left
   * `pending` is read back and settled, applied at most once, under the limits in force now.
   */
  async start(): Promise<ExecutionOutcome[]> {
    this.roster.load();
    for (const decision of this.deps.store.decisions.page({ states: ['proposed'] }, undefined, 500).items) {
      this.deps.store.decisions.transition(decision.id, 'proposed', 'cancelled', {
        error: 'the app stopped before this decision was guarded: it was never sent',
      });
    }
    if (this.deps.store.decisions.listPending().length === 0) return [];
    return this.view.run(async () => {
      await this.view.refresh();
      return this.desk.executor.recover();
    });
  }

  addAgent(definition: AgentDefinition): string {
    return this.roster.add([definition])[0];
  }

  /** Adds agents all together or none (a name already taken refuses the whole set). */
  addAgents(definitions: readonly AgentDefinition[]): string[] {
    return this.roster.add(definitions);
  }

  agentIds(): string[] {
    return this.roster.all().map((m) => m.id);
  }

  status(agentId: string): AgentStatus {
    return this.roster.get(agentId).status;
  }

  /** The status in effect for an agent this runtime runs (it may be ahead of the store's), undefined for one it does not know. */
  statusInEffect(agentId: string): AgentStatus | undefined {
    return this.roster.find(agentId)?.status;
  }

  /**
   * One wake-up of the scheduler: statuses the store could not record are written again, changes
   * left in doubt are read back, the agents due review, outcomes are judged, unanswered
   * escalations expire. After a gap the scheduler slept through (`missedSince`: the account's time
   * it began), every agent due at any hour of it is reviewed once, not once per missed hour.
   */
  async tick(missedSince?: number): Promise<void> {
    this.roster.recordStatuses();
    const now = this.deps.clock.now();
    const due = missedSince === undefined ? this.cycle.due(now) : this.catchUp(missedSince, now);
    for (const outcome of await this.view.run(() => this.desk.executor.settleInDoubt())) this.settledLate(outcome);
    if (due.length > 0) await this.cycle.review(due, now);
    for (const mind of this.roster.all()) if (mind.status === 'active') evaluateOutcomes(mind, this.deps.store, now);
    this.escalations.expire(now);
  }

  preview(definition: AgentDefinition): Promise<AgentPreview> {
    return this.cycle.preview(definition);
  }

  /**
   * Replaces an agent's definition in the store and in the running agent at once, between two
   * changes (never while one is being guarded and sent), and withdraws the decisions waiting for
   * a person that the new definition would refuse. Says which it withdrew.
   */
  updateAgent(agentId: string, definition: AgentDefinition): Promise<string[]> {
    const mind = this.roster.get(agentId);
    if (mind.status === 'terminated') throw new AcmError('CONFLICT', `agent ${mind.name} is terminated: it cannot be edited`);
    return this.view.run(async () => {
      await this.view.refresh();
      this.deps.store.agents.update(agentId, { name: definition.name, definition, goals: definition.goals }, this.deps.clock.now());
      mind.definition = definition;
      this.deps.onChange?.({ kind: 'agent', agentId, status: mind.status });
      return this.escalations.withdrawRefused(agentId);
    });
  }

  approve(decisionId: string, by: string): Promise<ExecutionOutcome> {
    return this.escalations.approve(decisionId, by);
  }

  reject(decisionId: string, by: string): void {
    this.escalations.reject(decisionId, by);
  }

  undo(decisionId: string, by: string, options: UndoOptions = {}): Promise<ExecutionOutcome> {
    return this.escalations.undo(decisionId, by, options);
  }

  /** Takes effect at once: nothing pending or awaiting approval will execute, and no platform call starts after this returns. */
  pause(agentId: string): StatusChange {
    return this.roster.pause(agentId);
  }

  resume(agentId: string): void {
    this.roster.resume(agentId);
    this.desk.executor.breaker.reset(agentId);
  }

  terminate(agentId: string): StatusChange {
    return this.roster.terminate(agentId);
  }

  pauseAll(): StatusChange {
    return this.roster.pauseAll();
  }

  resumeAll(): string[] {
    const resumed = this.roster
      .all()
      .filter((m) => m.status === 'paused')
      .map((m) => m.id);
    for (const id of resumed) this.resume(id);
    return resumed;
  }

  /** What the agent's latest review asked for and how much of it went ahead; undefined before its first. */
  reviewReport(agentId: string): ReviewReport | undefined {
    return this.roster.find(agentId)?.lastReport;
  }

  /** The agents a gap kept from a review; one alert for the account names those it kept longer than their interval. */
  private catchUp(since: number, now: number): AgentMind[] {
    const gap = now - since;
    const overdue = this.roster
      .all()
      .filter((mind) => mind.status === 'active' && gap > this.cycle.reviewEveryHours(mind, now) * HOUR_MS)
      .map((mind) => `${mind.name} (every ${this.cycle.reviewEveryHours(mind, now)} h)`);
    if (overdue.length > 0)
      this.notices.alert(
        'goal_at_risk',
        'warning',
        undefined,
        undefined,
        `Reviews were missed: the app slept through ${describeGap(gap)} of the account's time (the computer slept or the app was stopped), longer than the review interval of ${overdue.join(', ')}. Each is reviewed once now to catch up.`,
      );
    return this.cycle.dueSince(since, now);
  }

  /** A change left in doubt was read back: an executed one is judged like any other, an undo marks its original. */
  private settledLate(outcome: ExecutionOutcome): void {
    const decision: Decision | undefined = this.deps.store.decisions.get(outcome.decisionId);
    if (!decision) return;
    if (outcome.state === 'executed') {
      this.roster.find(decision.agentId)?.trackOpen(decision.id);
      if (decision.parentDecisionId !== undefined) this.deps.store.decisions.transition(decision.parentDecisionId, 'executed', 'undone');
    }
    this.deps.onChange?.({ kind: 'decision', decisionId: decision.id, agentId: decision.agentId });
  }
}
