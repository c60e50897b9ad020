import { randomUUID } from 'node:crypto';
import type { AgentStatus } from '../../../shared/domain/agent';
import type { AlertKind, AlertSeverity } from '../../../shared/domain/alert';
import type { CampaignInfo } from '../../../shared/domain/campaign';
import type { Decision } from '../../../shared/domain/decision';
import type { AgentDefinition, Policy } from '../../../shared/scenario/schema';
import type { PlatformAdapter } from '../../platforms/adapter';
import type { Store } from '../../store';
import { Executor, type ExecutionOutcome } from '../execution/executor';
import type { ForecastEvent } from '../forecast';
import { guard } from '../guardrails/guard';
import { accountAfter } from '../guardrails/settings';
import type { Verdict } from '../guardrails/types';
import { DAY_MS, HOUR_MS, type Clock } from '../ports/clock';
import type { Random } from '../ports/random';
import { AgentMind } from './agent-mind';
import { proposeBudgets } from './budget-proposals';
import { appliedSince } from './history';
import { evaluateOutcomes } from './outcomes';
import type { Proposal } from './proposal';
import { isVolatile, reviewEveryHours } from './volatility';

/** An escalated decision nobody approved within this long is withdrawn: the account has moved on. */
export const ESCALATION_TTL_MS = DAY_MS;

export interface RuntimeDeps {
  store: Store;
  platform: PlatformAdapter;
  clock: Clock;
  random: Random;
  /** Waits between retries: real time in the app, simulated in `acm simulate`. */
  sleep(ms: number): Promise<void>;
  policies?: readonly Policy[];
  accountDailySpendCap?: number;
  calendar?: readonly ForecastEvent[];
  newId?(): string;
  /** Told of every decision, agent or alert that changed, for live views. */
  onChange?(change: RuntimeChange): void;
}

export type RuntimeChange =
  | { kind: 'decision'; decisionId: string; agentId: string }
  | { kind: 'agent'; agentId: string; status: AgentStatus }
  | { kind: 'alert'; alertId: string; severity: AlertSeverity };

/**
 * The loop of DESIGN.md for every agent of one account: wakes each on its cadence, observes,
 * forecasts, proposes, guards, executes, records and learns; and takes a person's word
 * (pause, resume, terminate, approve, reject, undo) at once.
 */
export class AgentRuntime {
  readonly executor: Executor;
  private readonly minds = new Map<string, AgentMind>();
  private readonly newId: () => string;
  private readonly policies: readonly Policy[];

  constructor(private readonly deps: RuntimeDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.policies = deps.policies ?? [];
    this.executor = new Executor({
      platform: deps.platform,
      decisions: deps.store.decisions,
      mayExecute: (d) => this.minds.get(d.agentId)?.status === 'active' || (d.parentDecisionId !== undefined && this.minds.get(d.agentId)?.status !== 'terminated'),
      clock: deps.clock,
      sleep: deps.sleep,
      random: deps.random,
      onBreakerTrip: (agentId, error) => this.tripBreaker(agentId, error),
    });
  }

  /** Takes up the agents the store already has (after a restart) and settles what was left pending. */
  async start(): Promise<ExecutionOutcome[]> {
    for (const stored of this.deps.store.agents.list<AgentDefinition>()) {
      if (!this.minds.has(stored.id)) this.minds.set(stored.id, new AgentMind(stored.id, stored.definition, stored.status, this.deps.calendar ?? []));
    }
    return this.executor.recover();
  }

  addAgent(definition: AgentDefinition): string {
    const now = this.deps.clock.now();
    const stored = this.deps.store.agents.create({ name: definition.name, definition, goals: definition.goals, status: definition.status }, now);
    this.minds.set(stored.id, new AgentMind(stored.id, definition, stored.status, this.deps.calendar ?? []));
    this.deps.onChange?.({ kind: 'agent', agentId: stored.id, status: stored.status });
    return stored.id;
  }

  agentIds(): string[] {
    return [...this.minds.keys()];
  }

  status(agentId: string): AgentStatus {
    return this.mind(agentId).status;
  }

  /** One wake-up of the scheduler: every active agent whose review is due reviews its campaigns. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (const mind of this.minds.values()) {
      if (mind.status !== 'active') continue;
      const every = reviewEveryHours(mind, this.deps.calendar ?? [], now);
      if (now - mind.lastReview >= every * HOUR_MS - 1 && now % (every * HOUR_MS) < HOUR_MS) await this.review(mind, now);
      evaluateOutcomes(mind, this.deps.store, now);
    }
    this.expireEscalations(now);
  }

  private async review(mind: AgentMind, now: number): Promise<void> {
    mind.lastReview = now;
    let account = await this.deps.platform.listCampaigns();
    const campaigns = mind.campaignsOf(account);
    const ids = campaigns.map((c) => c.id);
    await mind.observer.refresh(this.deps.platform, ids, now);
    mind.learn(ids, now);
    const history = appliedSince(this.deps.store.decisions, now - Math.max(DAY_MS, mind.definition.constraints.cooldownHours * HOUR_MS));
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
    const { proposals, plan } = proposeBudgets({
      agent: mind.definition,
      now: dayStart,
      campaigns,
      models: mind.models,
      observer: mind.observer,
      calibrator: mind.calibrator,
      history,
      policies: this.policies,
      maxTotal: this.maxTotal(mind, account),
      volatile: isVolatile(mind, this.deps.calendar ?? [], now),
    });
    if (plan && plan.atRisk.length > 0 && now % DAY_MS < HOUR_MS) {
      this.alert('goal_at_risk', 'warning', mind.id, undefined, `${mind.name}: ${plan.atRisk.join('; ')}.`);
    }
    for (const proposal of proposals) {
      if (mind.status !== 'active') return;
      const current = account.find((c) => c.id === proposal.campaign.id) ?? proposal.campaign;
      const outcome = await this.decide(mind, { ...proposal, campaign: current }, account, [...history, ...appliedSince(this.deps.store.decisions, now - HOUR_MS)]);
      if (outcome === 'executed') account = accountAfter(account, current, proposal.change);
    }
  }

  /** The most the agent's campaigns may budget together: its own limit and the account's caps, less what others hold. */
  private maxTotal(mind: AgentMind, account: readonly CampaignInfo[]): number {
    const mine = new Set(mind.campaignsOf(account).map((c) => c.id));
    const others = account.filter((c) => !mine.has(c.id) && c.status === 'active').reduce((s, c) => s + c.dailyBudget, 0);
    let max = mind.definition.constraints.maxDailySpend ?? Number.POSITIVE_INFINITY;
    if (this.deps.accountDailySpendCap !== undefined) max = Math.min(max, this.deps.accountDailySpendCap - others);
    for (const p of this.policies) if (p.rule === 'accountDailySpendCap') max = Math.min(max, p.value - others);
    return Math.max(0, max);
  }

  private async decide(mind: AgentMind, proposal: Proposal, account: readonly CampaignInfo[], history: Parameters<typeof guard>[0]['history']) {
    const now = this.deps.clock.now();
    const decision = this.deps.store.decisions.insert({
      id: this.newId(),
      createdAt: now,
      agentId: mind.id,
      campaignId: proposal.campaign.id,
      kind: proposal.after.kind,
      before: proposal.before,
      after: proposal.after,
      reasoning: proposal.reasoning,
      confidence: proposal.confidence,
      prediction: proposal.prediction,
      metrics: { ...proposal.metrics, rawForecast: proposal.raw, evidenceConversions: proposal.evidenceConversions },
      state: 'proposed',
      idempotencyKey: this.newId(),
    } as Decision);
    const verdict: Verdict = guard({
      now,
      change: proposal.change,
      campaign: proposal.campaign,
      account,
      agentCampaignIds: mind.campaignsOf(account).map((c) => c.id),
      constraints: mind.definition.constraints,
      policies: this.policies,
      accountDailySpendCap: this.deps.accountDailySpendCap,
      history,
      evidenceConversions: proposal.evidenceConversions,
      confidence: proposal.confidence,
    });
    if (verdict.outcome === 'block') {
      const why = verdict.findings.map((f) => `${f.rule}: ${f.message}`).join('; ');
      this.deps.store.decisions.transition(decision.id, 'proposed', 'blocked', { error: why });
      this.alert('blocked', 'warning', mind.id, decision.id, `${mind.name} was stopped from changing ${proposal.campaign.name}: ${why}`);
      this.changed(decision);
      return 'blocked';
    }
    if (verdict.outcome === 'escalate') {
      const lowConfidence = verdict.findings.some((f) => f.rule === 'constraint.minConfidence');
      this.deps.store.decisions.transition(decision.id, 'proposed', 'escalated', { error: verdict.findings.map((f) => f.message).join('; ') });
      this.alert(lowConfidence ? 'low_confidence' : 'escalation', 'warning', mind.id, decision.id, `${mind.name} asks for approval on ${proposal.campaign.name}: ${verdict.findings.map((f) => f.message).join('; ')}`);
      this.changed(decision);
      return 'escalated';
    }
    const outcome = await this.executor.execute(decision.id);
    this.changed(decision);
    mind.trackOpen(decision.id);
    return outcome.state;
  }

  /** A person approves an escalated decision: it executes now, if the setting is still what it saw. */
  async approve(decisionId: string, by: string): Promise<ExecutionOutcome> {
    const decision = this.requireDecision(decisionId, 'escalated');
    const mind = this.mind(decision.agentId);
    if (mind.status !== 'active') throw new Error(`agent ${mind.name} is ${mind.status}: resume it before approving its decisions`);
    const outcome = await this.executor.execute(decisionId, 'escalated', by);
    mind.trackOpen(decisionId);
    this.changed(decision);
    return outcome;
  }

  reject(decisionId: string, by: string): void {
    const decision = this.requireDecision(decisionId, 'escalated');
    this.deps.store.decisions.transition(decisionId, 'escalated', 'cancelled', { error: `rejected by ${by}` });
    this.changed(decision);
  }

  /** Takes effect at once: nothing pending or awaiting approval will execute, and no platform call starts after this returns. */
  pause(agentId: string): void {
    this.setStatus(agentId, 'paused');
  }

  resume(agentId: string): void {
    this.executor.breaker.reset(agentId);
    this.setStatus(agentId, 'active');
  }

  terminate(agentId: string): void {
    this.setStatus(agentId, 'terminated');
  }

  pauseAll(): string[] {
    const paused = [...this.minds.values()].filter((m) => m.status === 'active').map((m) => m.id);
    for (const id of paused) this.pause(id);
    return paused;
  }

  resumeAll(): string[] {
    const resumed = [...this.minds.values()].filter((m) => m.status === 'paused').map((m) => m.id);
    for (const id of resumed) this.resume(id);
    return resumed;
  }

  /** The inverse change of an executed decision, itself a logged decision; the original becomes `undone`. */
  async undo(decisionId: string, by: string): Promise<ExecutionOutcome> {
    const original = this.requireDecision(decisionId, 'executed');
    const now = this.deps.clock.now();
    const undo = this.deps.store.decisions.insert({
      ...original,
      id: this.newId(),
      createdAt: now,
      before: original.after,
      after: original.before,
      reasoning: `Undo requested by ${by}: restores the value before decision ${original.id}.`,
      confidence: 1,
      state: 'proposed',
      idempotencyKey: this.newId(),
      parentDecisionId: original.id,
      executedAt: undefined,
      approvedBy: by,
      error: undefined,
    } as Decision);
    const outcome = await this.executor.execute(undo.id, 'proposed');
    if (outcome.state === 'executed') this.deps.store.decisions.transition(original.id, 'executed', 'undone');
    this.changed(original);
    this.changed(undo);
    return outcome;
  }

  private setStatus(agentId: string, status: AgentStatus): void {
    const mind = this.mind(agentId);
    if (mind.status === 'terminated') throw new Error(`agent ${mind.name} is terminated`);
    const now = this.deps.clock.now();
    this.deps.store.immediate(() => {
      this.deps.store.agents.setStatus(agentId, status, now);
      if (status !== 'active') {
        for (const d of this.deps.store.decisions.page({ agentId, states: ['pending', 'escalated'] }, undefined, 500).items) {
          this.deps.store.decisions.transition(d.id, d.state, 'cancelled', { error: `the agent was ${status}` });
        }
      }
    });
    // Last, so that a platform call checking mayExecute() sees the status only once every record is settled.
    mind.status = status;
    this.deps.onChange?.({ kind: 'agent', agentId, status });
  }

  private tripBreaker(agentId: string, error: string): void {
    const mind = this.minds.get(agentId);
    if (!mind || mind.status !== 'active') return;
    this.pause(agentId);
    this.alert('circuit_break', 'critical', agentId, undefined, `${mind.name} was paused after ${this.executor.breaker.threshold} failed changes in a row; the last: ${error}`);
  }

  private expireEscalations(now: number): void {
    for (const d of this.deps.store.decisions.page({ states: ['escalated'], to: now - ESCALATION_TTL_MS }, undefined, 500).items) {
      this.deps.store.decisions.transition(d.id, 'escalated', 'cancelled', { error: 'expired: nobody approved it within 24 h' });
      this.changed(d);
    }
  }

  private alert(kind: AlertKind, severity: AlertSeverity, agentId: string, decisionId: string | undefined, message: string): void {
    const alert = this.deps.store.alerts.raise({ createdAt: this.deps.clock.now(), kind, severity, agentId, decisionId, message });
    this.deps.onChange?.({ kind: 'alert', alertId: alert.id, severity });
  }

  private changed(decision: Decision): void {
    this.deps.onChange?.({ kind: 'decision', decisionId: decision.id, agentId: decision.agentId });
  }

  private mind(agentId: string): AgentMind {
    const mind = this.minds.get(agentId);
    if (!mind) throw new Error(`no agent with id ${agentId}`);
    return mind;
  }

  private requireDecision(decisionId: string, state: Decision['state']): Decision {
    const decision = this.deps.store.decisions.get(decisionId);
    if (!decision) throw new Error(`no decision with id ${decisionId}`);
    if (decision.state !== state) throw new Error(`decision ${decisionId} is ${decision.state}, not ${state}`);
    return decision;
  }
}
