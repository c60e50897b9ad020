import { randomUUID } from 'node:crypto';
import type { AgentStatus, ReviewReport } from '../../../shared/domain/agent';
import type { AlertKind, AlertSeverity } from '../../../shared/domain/alert';
import type { CampaignInfo } from '../../../shared/domain/campaign';
import { toCampaignChange, type Decision } from '../../../shared/domain/decision';
import { AcmError } from '../../../shared/errors';
import type { AgentDefinition, Policy, Pool } from '../../../shared/scenario/schema';
import type { PlatformAdapter } from '../../../shared/platform/adapter';
import { Executor, type ExecutionOutcome } from '../execution/executor';
import { leaseOwnerAlive, newLeaseOwner } from '../execution/lease-owner';
import type { Records } from '../ports/records';
import { SerialQueue } from '../execution/serial-queue';
import type { ForecastEvent } from '../forecast';
import { guard } from '../guardrails/guard';
import { accountAfter, activeBudgetSum } from '../guardrails/settings';
import type { AppliedChange, PoolLimit, Verdict } from '../guardrails/types';
import { DAY_MS, HOUR_MS, MonotonicClock, systemClock, type Clock } from '../../../shared/time';
import type { Random } from '../../../shared/random';
import { AgentMind } from './agent-mind';
import { proposeBids } from './bid-proposals';
import { proposeCreatives } from './creative-proposals';
import { proposeTargeting } from './targeting-proposals';
import { arbitrate, trackRecord, type ConflictFinding, type Contender } from './arbiter';
import { DECISION_WINDOW_DAYS, proposeBudgets, resizeRaise, spendFloor, spendGap } from './budget-proposals';
import { executionRefusals, overridesLimits } from './execution-guard';
import { appliedSince } from './history';
import { evaluateOutcomes } from './outcomes';
import type { Keep, Proposal } from './proposal';
import { poolRoom, poolWeight, resolvePools, shareBudget } from './pools';
import { isVolatile, reviewEveryHours } from './volatility';

/** How long a campaign lease lasts unless released: longer than any platform call, short enough that a crashed holder's lapses soon. */
const LEASE_TTL_MS = 30_000;

/** An agent asks a person about one campaign at most once in this many days: a question left unanswered is an answer. */
const ASK_AGAIN_DAYS = 7;

/** How many of an agent's latest outcomes make its track record. */
const TRACK_RECORD_OUTCOMES = 50;

function disjoint(sets: readonly (readonly string[])[]): boolean {
  const seen = new Set<string>();
  for (const set of sets) for (const id of set) {
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** The limits on what campaigns may budget together, which a later cut can make room under. */
function isRoomLimit(rule: string, policies: readonly Policy[]): boolean {
  if (rule === 'constraint.maxDailySpend' || rule === 'account.dailySpendCap' || rule.startsWith('pool.')) return true;
  return policies.some((p) => p.rule === 'accountDailySpendCap' && rule === `policy.${p.id}`);
}

/** Cuts and pauses before raises. */
function stepOf(p: Proposal): number {
  if (p.change.kind === 'status') return p.change.status === 'paused' ? -Infinity : Infinity;
  return p.change.kind === 'budget' ? p.change.dailyBudget - p.campaign.dailyBudget : 0;
}

/** One applied change, whichever read it came from. */
const changeKey = (c: AppliedChange) => `${c.campaignId}|${c.setting}|${c.at}`;

/** Why an accepted proposal did not go ahead, by how its decision ended. */
const NOT_DONE: Record<Exclude<ExecutionOutcome['state'], 'executed'> | 'escalated' | 'deferred' | 'paused', string> = {
  escalated: 'waits for a person (see Alerts)',
  blocked: 'the guardrails blocked it',
  deferred: 'no room left under the spend limits this time',
  failed: 'the platform call failed',
  pending: 'the platform has not confirmed it yet',
  cancelled: 'the setting changed before it could be made',
  paused: 'the agent was paused',
};

/** An escalated decision nobody approved within this long is withdrawn: the account has moved on. */
export const ESCALATION_TTL_MS = DAY_MS;

export interface RuntimeDeps {
  /** The record every decision, agent, alert, conflict, outcome and lease is kept in. */
  store: Records;
  platform: PlatformAdapter;
  clock: Clock;
  random: Random;
  /** Waits between retries: real time in the app, simulated in `acm simulate`. */
  sleep(ms: number): Promise<void>;
  policies?: readonly Policy[];
  accountDailySpendCap?: number;
  calendar?: readonly ForecastEvent[];
  /** Shared budget pools (FORMAT.md), agents named. */
  pools?: readonly Pool[];
  newId?(): string;
  /** Real time, for leases: they guard against other processes, whatever the account's clock. */
  wallClock?: Clock;
  /** Told of every decision, agent or alert that changed, for live views. */
  onChange?(change: RuntimeChange): void;
  /** Told what could not be recorded (a pause the store could not write yet); the app's log by default nothing. */
  log?(message: string, error?: unknown): void;
}

/** A person's undo: by default it obeys the agent's limits in force; `overrideLimits` sets them (and the agent's pause) aside, logged as such. */
export interface UndoOptions {
  overrideLimits?: boolean;
}

/** A pause (or terminate) takes effect at once; `recorded` says whether the store has it yet (a full disk may delay that). */
export interface StatusChange {
  agentIds: string[];
  recorded: boolean;
}

/** A review of an agent that does not run yet: what it would propose now, and what the guardrails would say. */
export interface AgentPreview {
  at: number;
  proposals: { proposal: Proposal; verdict: Verdict }[];
  held: { campaignId: string; why: string }[];
  atRisk: string[];
  daysObserved: number;
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
  /** This process, as the holder of campaign leases. */
  private readonly hostId = newLeaseOwner();
  /** Stamps records: within one tick every decision and its execution gets its own instant, in order. */
  private readonly stamps: Clock;
  /** Every change that moves money, whatever its path, guarded and sent one at a time. */
  private readonly moneyPath = new SerialQueue();
  /** The account as last read, with every change executed since: what the guard at execution sums budgets over. */
  private view: CampaignInfo[] = [];
  /** Statuses in effect that the store could not record yet, written again at every tick. */
  private readonly unrecorded = new Map<string, AgentStatus>();

  constructor(private readonly deps: RuntimeDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.policies = deps.policies ?? [];
    this.stamps = new MonotonicClock(deps.clock);
    const wall = deps.wallClock ?? systemClock;
    this.executor = new Executor({
      platform: deps.platform,
      decisions: deps.store.decisions,
      mayExecute: (d) => {
        const status = this.minds.get(d.agentId)?.status;
        return status === 'active' || (status === 'paused' && overridesLimits(d));
      },
      refusals: (d, campaign) => this.refusalsNow(d, campaign).map((f) => `${f.rule}: ${f.message}`),
      onRefused: (d, why) => {
        const mind = this.minds.get(d.agentId);
        const campaign = this.view.find((c) => c.id === d.campaignId)?.name ?? d.campaignId;
        this.alert('blocked', 'warning', d.agentId, d.id, `${mind?.name ?? d.agentId} was stopped from changing ${campaign}: ${why}`);
      },
      clock: this.stamps,
      sleep: deps.sleep,
      random: deps.random,
      onBreakerTrip: (agentId, error) => this.tripBreaker(agentId, error),
      onAttempt: ({ decision, attempt, at, result, error }) => deps.store.decisions.recordAttempt(decision.id, { attempt, at, result, ...(error ? { error } : {}) }),
      lease: {
        acquire: (campaignId) => {
          const now = wall.now();
          if (deps.store.leases.acquire(campaignId, this.hostId, now, LEASE_TTL_MS)) return true;
          const holder = deps.store.leases.holder(campaignId, now);
          return holder !== undefined && !leaseOwnerAlive(holder) && deps.store.leases.takeOver(campaignId, holder, this.hostId, now, LEASE_TTL_MS);
        },
        release: (campaignId) => deps.store.leases.release(campaignId, this.hostId),
      },
      madeBy: (decision) => this.sameChangeMadeBy(decision),
    });
  }

  /**
   * Takes up the agents the store already has (after a restart) and settles what was left
   * unsettled: a decision still `proposed` was never guarded nor sent (cancelled); one left
   * `pending` is read back and settled, applied at most once, under the limits in force now.
   */
  async start(): Promise<ExecutionOutcome[]> {
    for (const stored of this.deps.store.agents.list()) {
      if (!this.minds.has(stored.id)) this.minds.set(stored.id, new AgentMind(stored.id, stored.definition, stored.status, this.deps.calendar ?? []));
    }
    for (const decision of this.deps.store.decisions.page({ states: ['proposed'] }, undefined, 500).items) {
      this.deps.store.decisions.transition(decision.id, 'proposed', 'cancelled', { error: 'the app stopped before this decision was guarded: it was never sent' });
    }
    if (this.deps.store.decisions.listPending().length === 0) return [];
    return this.moneyPath.run(async () => {
      this.view = await this.deps.platform.listCampaigns();
      return this.executor.recover();
    });
  }

  addAgent(definition: AgentDefinition): string {
    return this.addAgents([definition])[0];
  }

  /** Adds agents all together or none (a name already taken refuses the whole set). */
  addAgents(definitions: readonly AgentDefinition[]): string[] {
    const now = this.deps.clock.now();
    const stored = this.deps.store.immediate(() =>
      definitions.map((definition) => this.deps.store.agents.create({ name: definition.name, definition, goals: definition.goals, status: definition.status }, now)),
    );
    for (const agent of stored) {
      this.minds.set(agent.id, new AgentMind(agent.id, agent.definition, agent.status, this.deps.calendar ?? []));
      this.deps.onChange?.({ kind: 'agent', agentId: agent.id, status: agent.status });
    }
    return stored.map((agent) => agent.id);
  }

  agentIds(): string[] {
    return [...this.minds.keys()];
  }

  status(agentId: string): AgentStatus {
    return this.mind(agentId).status;
  }

  /** The status in effect for an agent this runtime runs (it may be ahead of the store's), undefined for one it does not know. */
  statusInEffect(agentId: string): AgentStatus | undefined {
    return this.minds.get(agentId)?.status;
  }

  /**
   * One wake-up of the scheduler. Every active agent whose review is due observes and proposes;
   * the arbiter settles what they proposed together; what goes ahead is guarded and executed,
   * cuts first so that they make room for raises under the spend limits.
   */
  async tick(): Promise<void> {
    this.recordStatuses();
    const now = this.deps.clock.now();
    const due = [...this.minds.values()].filter((mind) => {
      if (mind.status !== 'active') return false;
      const every = reviewEveryHours(mind, this.deps.calendar ?? [], now);
      return now - mind.lastReview >= every * HOUR_MS - 1 && now % (every * HOUR_MS) < HOUR_MS;
    });
    for (const outcome of await this.moneyPath.run(() => this.executor.settleInDoubt())) this.settledLate(outcome);
    if (due.length > 0) await this.review(due, now);
    for (const mind of this.minds.values()) if (mind.status === 'active') evaluateOutcomes(mind, this.deps.store, now);
    this.expireEscalations(now);
  }

  /**
   * What an agent that does not exist yet would do now: one review of the account for the
   * definition, with the guardrails' verdict on each proposal. Nothing is recorded or sent.
   */
  async preview(definition: AgentDefinition): Promise<AgentPreview> {
    const now = this.deps.clock.now();
    const mind = new AgentMind('preview', definition, 'active', this.deps.calendar ?? []);
    const account = await this.deps.platform.listCampaigns();
    await this.observe([mind], account, now);
    const history = appliedSince(this.deps.store.decisions, now - this.memoryMs([mind]));
    const pools = this.pools(account);
    const { proposals, plan, held } = this.propose(mind, account, history, this.maxTotal(mind, account, pools), now);
    return {
      at: now,
      proposals: proposals.map((proposal) => ({ proposal, verdict: guard(this.guardInput(mind, proposal, account, pools, history, now)) })),
      held,
      atRisk: plan?.atRisk ?? [],
      daysObserved: Math.max(0, ...mind.campaignsOf(account).map((c) => mind.observer.daily(c.id, now).length)),
    };
  }

  /**
   * Replaces an agent's definition in the store and in the running agent at once, between two
   * changes (never while one is being guarded and sent), and withdraws the decisions waiting for
   * a person that the new definition would refuse: approving them would break the new limits.
   * Says which it withdrew.
   */
  updateAgent(agentId: string, definition: AgentDefinition): Promise<string[]> {
    const mind = this.mind(agentId);
    if (mind.status === 'terminated') throw new AcmError('CONFLICT', `agent ${mind.name} is terminated: it cannot be edited`);
    return this.moneyPath.run(async () => {
      this.view = await this.deps.platform.listCampaigns();
      this.deps.store.agents.update(agentId, { name: definition.name, definition, goals: definition.goals }, this.deps.clock.now());
      mind.definition = definition;
      this.deps.onChange?.({ kind: 'agent', agentId, status: mind.status });
      const withdrawn: string[] = [];
      for (const decision of this.deps.store.decisions.page({ agentId, states: ['escalated'] }, undefined, 500).items) {
        const campaign = this.view.find((c) => c.id === decision.campaignId);
        const refused = campaign ? this.refusalsNow(decision, campaign, { awaitingApproval: true }) : [{ rule: 'constraint.campaigns', message: `campaign ${decision.campaignId} is no longer in the account` }];
        if (refused.length === 0) continue;
        const why = `withdrawn: the agent's new definition would refuse it (${refused.map((f) => `${f.rule}: ${f.message}`).join('; ')})`;
        if (this.deps.store.decisions.transition(decision.id, 'escalated', 'cancelled', { error: why })) {
          this.resolveAlertsOf(decision.id);
          withdrawn.push(decision.id);
          this.changed(decision);
        }
      }
      return withdrawn;
    });
  }

  /**
   * What refuses `decision` under the limits in force this instant, the campaign as the platform
   * has it and the rest of the account as last read with every change made since.
   */
  private refusalsNow(decision: Decision, campaign: CampaignInfo, options: { awaitingApproval?: boolean } = {}) {
    const mind = this.minds.get(decision.agentId);
    if (!mind) return [{ rule: 'agent', message: `no agent ${decision.agentId}` }];
    const now = this.deps.clock.now();
    const account = this.view.some((c) => c.id === campaign.id) ? this.view.map((c) => (c.id === campaign.id ? campaign : c)) : [...this.view, campaign];
    return executionRefusals(decision, campaign, {
      definition: mind.definition,
      account,
      policies: this.policies,
      accountDailySpendCap: this.deps.accountDailySpendCap,
      pools: this.pools(account),
      history: appliedSince(this.deps.store.decisions, now - this.memoryMs([mind]), campaign.id),
      now,
    }, options);
  }

  /** Sends one decision through the money path: queued behind any change being guarded and sent, then the account's view follows it. */
  private execute(decisionId: string, from?: 'proposed' | 'escalated', approvedBy?: string): Promise<ExecutionOutcome> {
    return this.moneyPath.run(async () => {
      const outcome = await this.executor.execute(decisionId, from, approvedBy);
      if (outcome.state === 'executed') this.followExecuted(decisionId);
      return outcome;
    });
  }

  private followExecuted(decisionId: string): void {
    const decision = this.deps.store.decisions.get(decisionId);
    const campaign = decision && this.view.find((c) => c.id === decision.campaignId);
    if (decision && campaign) this.view = accountAfter(this.view, campaign, toCampaignChange(decision));
  }

  private async observe(minds: readonly AgentMind[], account: readonly CampaignInfo[], now: number): Promise<void> {
    for (const mind of minds) {
      const ids = mind.campaignsOf(account).map((c) => c.id);
      await mind.observer.refresh(this.deps.platform, ids, now);
      mind.learn(ids, now);
    }
  }

  /** How far back the guard and the arbiter look: the longest cooldown, and at least a decision window. */
  private memoryMs(minds: readonly AgentMind[]): number {
    return Math.max(...minds.map((m) => m.definition.constraints.cooldownHours * HOUR_MS), DECISION_WINDOW_DAYS * DAY_MS);
  }

  private propose(mind: AgentMind, account: readonly CampaignInfo[], history: readonly AppliedChange[], maxTotal: number, now: number) {
    const day = Math.floor(now / DAY_MS) * DAY_MS;
    const awaitingPerson = this.askedLately(mind.id, now);
    const review = { agent: mind.definition, now: day, campaigns: mind.campaignsOf(account), models: mind.models, observer: mind.observer, calibrator: mind.calibrator, raiseBias: mind.raiseCalibrator.bias, history, awaitingPerson };
    const creatives = proposeCreatives(review);
    const targeting = proposeTargeting(review);
    const budgets = proposeBudgets({ ...review, policies: this.policies, maxTotal, volatile: isVolatile(mind, this.deps.calendar ?? [], now) });
    const bids = proposeBids({ ...review, plan: budgets.plan });
    return { ...budgets, proposals: [...budgets.proposals, ...bids, ...creatives, ...targeting] };
  }

  private guardInput(mind: AgentMind, proposal: Proposal, account: readonly CampaignInfo[], pools: readonly PoolLimit[], history: readonly AppliedChange[], now: number) {
    return {
      now,
      change: proposal.change,
      campaign: proposal.campaign,
      account,
      agentCampaignIds: mind.campaignsOf(account).map((c) => c.id),
      constraints: mind.definition.constraints,
      policies: this.policies,
      accountDailySpendCap: this.deps.accountDailySpendCap,
      pools: pools.filter((p) => p.campaignIds.includes(proposal.campaign.id)),
      history,
      evidenceConversions: proposal.evidenceConversions,
      confidence: proposal.confidence,
    };
  }

  private async review(due: AgentMind[], now: number): Promise<void> {
    // Read in the money path, so that no change being sent meanwhile is missing from the view.
    const account = await this.moneyPath.run(async () => (this.view = await this.deps.platform.listCampaigns()));
    for (const mind of due) mind.lastReview = now;
    await this.observe(due, account, now);
    const history = appliedSince(this.deps.store.decisions, now - this.memoryMs(due));
    const pools = this.pools(account);
    const records = new Map(due.map((m) => [m.id, trackRecord(this.deps.store.outcomes.listForAgent(m.id, { limit: TRACK_RECORD_OUTCOMES }))]));
    const propose = (mind: AgentMind, maxTotal: number) => this.propose(mind, account, history, maxTotal, now);
    const limits = new Map(due.map((m) => [m.id, this.maxTotal(m, account, pools)]));
    for (const pool of pools) {
      const members = due.filter((m) => pool.agentIds.includes(m.id));
      if (members.length < 2 || !disjoint(members.map((m) => m.campaignsOf(account).map((c) => c.id)))) continue;
      const grants = shareBudget(
        pool.dailyBudget,
        members.map((m) => ({ agentId: m.id, desired: propose(m, limits.get(m.id)!).plan?.totals.spend ?? 0, weight: poolWeight(m.definition.priority, records.get(m.id)!) })),
      );
      for (const [id, grant] of grants) limits.set(id, Math.min(limits.get(id)!, grant));
    }
    const contenders: Contender[] = due.map((mind) => {
      const { proposals, plan, keeps } = propose(mind, limits.get(mind.id)!);
      if (plan && plan.atRisk.length > 0 && now % DAY_MS < HOUR_MS) this.alert('goal_at_risk', 'warning', mind.id, undefined, `${mind.name}: ${plan.atRisk.join('; ')}.`);
      const own = mind.campaignsOf(account);
      const least = spendFloor(mind.definition);
      const spendClaim = least > 0 ? { least, total: activeBudgetSum(own), campaignIds: new Set(own.map((c) => c.id)) } : undefined;
      return { agentId: mind.id, name: mind.name, priority: mind.definition.priority, trackRecord: records.get(mind.id)!, proposals, keeps, spendFloor: spendClaim };
    });
    const { accepted, conflicts, report } = arbitrate(contenders, history.filter((h): h is typeof h & { agentId: string } => h.agentId !== undefined));
    for (const conflict of conflicts) this.recordConflict(conflict, now);
    accepted.sort((a, b) => stepOf(a.proposal) - stepOf(b.proposal));
    const known = new Set(history.map(changeKey));
    for (const { agentId, proposal } of accepted) {
      const mind = this.mind(agentId);
      const entry = report.get(agentId)!;
      const current = this.view.find((c) => c.id === proposal.campaign.id) ?? proposal.campaign;
      // The campaign's latest changes, re-read: another host may have made one since the review began (the guard's other limits read the account).
      const latest = appliedSince(this.deps.store.decisions, now - HOUR_MS, proposal.campaign.id).filter((c) => !known.has(changeKey(c)));
      const outcome = mind.status === 'active' ? await this.decide(mind, { ...proposal, campaign: current }, this.view, pools, latest.length > 0 ? [...history, ...latest] : history) : 'paused';
      if (outcome !== 'executed') {
        entry.granted--;
        entry.why.push(`${proposal.change.kind} of ${proposal.campaign.name}: ${NOT_DONE[outcome]}`);
      }
    }
    for (const mind of due) mind.lastReport = { at: now, ...report.get(mind.id)! };
  }

  /** What the agent's latest review asked for and how much of it went ahead; undefined before its first. */
  reviewReport(agentId: string): ReviewReport | undefined {
    return this.minds.get(agentId)?.lastReport;
  }

  /** The raise made again at the largest budget the spend limits allow now, if that is still a raise worth making. */
  private fitted(mind: AgentMind, proposal: Proposal, account: readonly CampaignInfo[], pools: readonly PoolLimit[], history: readonly AppliedChange[], now: number): Proposal | undefined {
    if (!proposal.raise || proposal.before.kind !== 'budget' || proposal.after.kind !== 'budget') return undefined;
    const fits = (budget: number) =>
      guard(this.guardInput(mind, { ...proposal, change: { kind: 'budget', campaignId: proposal.campaign.id, dailyBudget: budget } }, account, pools, history, now)).outcome !== 'block';
    // In whole cents, so that a budget filling the room to the cent is found.
    let low = Math.round(proposal.before.dailyBudget * 100);
    let high = Math.round(proposal.after.dailyBudget * 100);
    if (!fits(low / 100)) return undefined;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (fits(mid / 100)) low = mid;
      else high = mid;
    }
    const smaller = resizeRaise(mind, proposal.raise, low / 100, spendGap(mind.definition, mind.campaignsOf(account)));
    return smaller && smaller.after.kind === 'budget' && smaller.after.dailyBudget < proposal.after.dailyBudget ? smaller : undefined;
  }

  /**
   * A twin that already made exactly this change: another decision, executed within the last
   * day, that moved the same setting from the same value to the same value (a second host
   * running the same agents decides the same). Timestamps of two hosts cannot be compared;
   * the values can.
   */
  private sameChangeMadeBy(decision: Decision): string | undefined {
    const recent = this.deps.store.decisions.page({ campaignId: decision.campaignId, states: ['executed'], kinds: [decision.kind], from: decision.createdAt - DAY_MS }, undefined, 100).items;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    return recent.find((d) => d.id !== decision.id && same(d.before, decision.before) && same(d.after, decision.after))?.id;
  }

  /** Campaigns on which the agent asked a person within ASK_AGAIN_DAYS, whatever the answer was. */
  private askedLately(agentId: string, now: number): Set<string> {
    const asked = this.deps.store.decisions.page({ agentId, states: ['escalated', 'cancelled'], from: now - ASK_AGAIN_DAYS * DAY_MS }, undefined, 500).items;
    return new Set(asked.filter((d) => d.state === 'escalated' || /^(expired|rejected)/.test(d.error ?? '')).map((d) => d.campaignId));
  }

  private pools(account: readonly CampaignInfo[]) {
    const members = [...this.minds.values()].map((m) => ({ id: m.id, name: m.name, campaignIds: m.campaignsOf(account).map((c) => c.id) }));
    return resolvePools(this.deps.pools ?? [], members);
  }

  /** The most the agent's campaigns may budget together: its own limit, the account's caps and its pools, less what others hold. */
  private maxTotal(mind: AgentMind, account: readonly CampaignInfo[], pools: ReturnType<AgentRuntime['pools']>): number {
    const own = mind.campaignsOf(account);
    const others = activeBudgetSum(account) - activeBudgetSum(own);
    let max = Math.min(mind.definition.constraints.maxDailySpend ?? Number.POSITIVE_INFINITY, poolRoom(mind.id, own.map((c) => c.id), pools, account));
    if (this.deps.accountDailySpendCap !== undefined) max = Math.min(max, this.deps.accountDailySpendCap - others);
    for (const p of this.policies) if (p.rule === 'accountDailySpendCap') max = Math.min(max, p.value - others);
    return Math.max(0, max);
  }

  private recordConflict(conflict: ConflictFinding, now: number): void {
    const asProposal = (p: Proposal | AppliedChange | Keep, campaignId: string) => {
      if ('change' in p) return { change: p.change, reasoning: p.reasoning, confidence: p.confidence, prediction: p.prediction };
      const kept = 'after' in p ? { ...p.after, campaignId } : { kind: 'budget' as const, campaignId, dailyBudget: p.campaign.dailyBudget };
      const budget = kept.kind === 'budget' ? kept.dailyBudget : 0;
      const reasoning = 'after' in p ? 'a change it executed, whose outcome window is still open' : p.reasoning;
      return { change: kept as Proposal['change'], reasoning, confidence: 1, prediction: { metric: 'spend' as const, windowHours: 24, point: budget, low80: budget, high80: budget } };
    };
    this.deps.store.conflicts.insert({
      id: this.newId(),
      createdAt: now,
      campaignId: conflict.campaignId,
      setting: conflict.setting,
      winnerAgentId: conflict.winner.agentId,
      loserAgentId: conflict.loser.agentId,
      rule: conflict.rule,
      winnerProposal: asProposal(conflict.winner.proposal, conflict.campaignId),
      loserProposal: asProposal(conflict.loser.proposal, conflict.campaignId),
    });
    const winner = this.mind(conflict.winner.agentId).name;
    const loser = this.mind(conflict.loser.agentId).name;
    // The alert is what tells the live views: a conflict is always reviewed through it.
    this.alert('conflict', 'info', conflict.loser.agentId, undefined, `${winner} and ${loser} both wanted ${conflict.setting} of ${conflict.loser.proposal.campaign.name}; ${winner} won by ${conflict.rule}. ${loser}'s dissent: ${conflict.loser.proposal.reasoning}`);
  }

  private async decide(mind: AgentMind, proposal: Proposal, account: readonly CampaignInfo[], pools: readonly PoolLimit[], history: readonly AppliedChange[]): Promise<ExecutionOutcome['state'] | 'blocked' | 'escalated' | 'deferred'> {
    const now = this.deps.clock.now();
    const verdict: Verdict = guard(this.guardInput(mind, proposal, account, pools, history, now));
    const stamp = this.stamps.now();
    // The plan counted on cuts that have not happened (one awaits approval, another agent's
    // claim stood): a raise that no longer fits under a spend limit is made again as large as
    // the room allows, or waits for the next review; it is not refused.
    if (verdict.outcome === 'block' && verdict.findings.every((f) => isRoomLimit(f.rule, this.policies))) {
      const fitted = this.fitted(mind, proposal, account, pools, history, now);
      return fitted ? this.decide(mind, fitted, account, pools, history) : 'deferred';
    }
    const decision = this.deps.store.decisions.insert({
      id: this.newId(),
      createdAt: stamp,
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
    const outcome = await this.execute(decision.id);
    this.changed(decision);
    mind.trackOpen(decision.id);
    return outcome.state;
  }

  /**
   * A person approves an escalated decision: it executes now if the setting is still what it saw
   * and the limits in force now allow it (it is blocked, with an alert, if they do not).
   */
  async approve(decisionId: string, by: string): Promise<ExecutionOutcome> {
    const decision = this.requireDecision(decisionId, 'escalated');
    const mind = this.mind(decision.agentId);
    if (mind.status !== 'active') throw new AcmError('CONFLICT', `agent ${mind.name} is ${mind.status}: resume it before approving its decisions`);
    const outcome = await this.moneyPath.run(async () => {
      this.view = await this.deps.platform.listCampaigns();
      const settled = await this.executor.execute(decisionId, 'escalated', by);
      if (settled.state === 'executed') this.followExecuted(decisionId);
      return settled;
    });
    if (outcome.state === 'executed') mind.trackOpen(decisionId);
    this.changed(decision);
    return outcome;
  }

  reject(decisionId: string, by: string): void {
    const decision = this.requireDecision(decisionId, 'escalated');
    this.deps.store.decisions.transition(decisionId, 'escalated', 'cancelled', { error: `rejected by ${by}` });
    this.changed(decision);
  }

  /**
   * Takes effect at once, in memory first: nothing pending or awaiting approval will execute, and
   * no platform call starts after this returns, whatever becomes of recording it. The record
   * (the status, the cancelled decisions) follows; a store that cannot write now (a full disk)
   * gets it again at every tick until it can.
   */
  pause(agentId: string): StatusChange {
    const mind = this.mind(agentId);
    if (mind.status !== 'active') throw new AcmError('CONFLICT', `cannot pause agent ${mind.name}: it is ${mind.status}`);
    return this.stop([agentId], 'paused');
  }

  resume(agentId: string): void {
    const mind = this.mind(agentId);
    if (mind.status !== 'paused') throw new AcmError('CONFLICT', `cannot resume agent ${mind.name}: it is ${mind.status}`);
    // Recorded first: an agent acts again only once the record says so.
    this.record(agentId, 'active');
    this.executor.breaker.reset(agentId);
    mind.status = 'active';
    this.deps.onChange?.({ kind: 'agent', agentId, status: 'active' });
  }

  terminate(agentId: string): StatusChange {
    return this.stop([agentId], 'terminated');
  }

  pauseAll(): StatusChange {
    return this.stop(
      [...this.minds.values()].filter((m) => m.status === 'active').map((m) => m.id),
      'paused',
    );
  }

  resumeAll(): string[] {
    const resumed = [...this.minds.values()].filter((m) => m.status === 'paused').map((m) => m.id);
    for (const id of resumed) this.resume(id);
    return resumed;
  }

  /**
   * The inverse change of an executed decision, itself a logged decision; the original becomes
   * `undone`. It obeys the agent's limits in force when it executes (not its cooldown nor its
   * evidence threshold: those are the agent's judgement, not a person's), unless the person
   * overrides them, which the undo records; never for a terminated agent, and for a paused one
   * only with the override.
   */
  async undo(decisionId: string, by: string, options: UndoOptions = {}): Promise<ExecutionOutcome> {
    const original = this.requireDecision(decisionId, 'executed');
    const mind = this.mind(original.agentId);
    const override = options.overrideLimits === true;
    if (mind.status === 'terminated') throw new AcmError('CONFLICT', `cannot undo a decision of agent ${mind.name}: it is terminated`);
    if (mind.status === 'paused' && !override) {
      throw new AcmError('CONFLICT', `cannot undo a decision of agent ${mind.name}: it is paused; resume it, or undo with the override (recorded as yours)`);
    }
    const now = this.stamps.now();
    const reasoning = override
      ? `Undo requested by ${by}, overriding the agent's own limits${mind.status === 'paused' ? ' and its pause' : ''}: restores the value before decision ${original.id}.`
      : `Undo requested by ${by}: restores the value before decision ${original.id}.`;
    const undo = this.deps.store.decisions.insert({
      ...original,
      id: this.newId(),
      createdAt: now,
      before: original.after,
      after: original.before,
      reasoning,
      confidence: 1,
      metrics: { ...(original.metrics as object), ...(override ? { overrideLimits: true } : {}) },
      state: 'proposed',
      idempotencyKey: this.newId(),
      parentDecisionId: original.id,
      executedAt: undefined,
      approvedBy: by,
      error: undefined,
    } as Decision);
    const outcome = await this.moneyPath.run(async () => {
      this.view = await this.deps.platform.listCampaigns();
      const settled = await this.executor.execute(undo.id, 'proposed');
      if (settled.state === 'executed') this.followExecuted(undo.id);
      return settled;
    });
    if (outcome.state === 'executed') this.deps.store.decisions.transition(original.id, 'executed', 'undone');
    this.changed(original);
    this.changed(undo);
    return outcome;
  }

  /**
   * Stops agents in memory first (the executor checks it right before every platform call), then
   * records it: the status, and the cancellation of every decision pending or awaiting approval.
   */
  private stop(agentIds: readonly string[], status: 'paused' | 'terminated'): StatusChange {
    const minds = agentIds.map((id) => this.mind(id));
    for (const mind of minds) {
      if (mind.status === 'terminated') throw new AcmError('CONFLICT', `agent ${mind.name} is terminated`);
    }
    for (const mind of minds) mind.status = status;
    for (const mind of minds) this.deps.onChange?.({ kind: 'agent', agentId: mind.id, status });
    let recorded = true;
    for (const mind of minds) {
      try {
        this.record(mind.id, status);
      } catch (error) {
        recorded = false;
        this.unrecorded.set(mind.id, status);
        this.deps.log?.(`${mind.name} is ${status}, but the store could not record it yet; it is written again at every tick`, error);
      }
    }
    return { agentIds: [...agentIds], recorded };
  }

  /** Writes an agent's status, with the cancellation of its open decisions when it stops; throws when the store cannot. */
  private record(agentId: string, status: AgentStatus): void {
    const now = this.deps.clock.now();
    this.deps.store.immediate(() => {
      this.deps.store.agents.setStatus(agentId, status, now);
      if (status !== 'active') {
        for (const d of this.deps.store.decisions.page({ agentId, states: ['pending', 'escalated'] }, undefined, 500).items) {
          this.deps.store.decisions.transition(d.id, d.state, 'cancelled', { error: `the agent was ${status}` });
        }
      }
    });
    this.unrecorded.delete(agentId);
  }

  /** Statuses in effect that the store could not write when they were set: written now if it can. */
  private recordStatuses(): void {
    for (const [agentId, status] of this.unrecorded) {
      if (this.minds.get(agentId)?.status !== status) {
        this.unrecorded.delete(agentId);
        continue;
      }
      try {
        this.record(agentId, status);
      } catch (error) {
        this.deps.log?.(`recording that ${this.mind(agentId).name} is ${status} failed again`, error);
        return;
      }
    }
  }

  private tripBreaker(agentId: string, error: string): void {
    const mind = this.minds.get(agentId);
    if (!mind || mind.status !== 'active') return;
    this.stop([agentId], 'paused');
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

  /** A change left in doubt was read back: an executed one is judged like any other, an undo marks its original. */
  private settledLate(outcome: ExecutionOutcome): void {
    const decision = this.deps.store.decisions.get(outcome.decisionId);
    if (!decision) return;
    if (outcome.state === 'executed') {
      this.minds.get(decision.agentId)?.trackOpen(decision.id);
      if (decision.parentDecisionId !== undefined) this.deps.store.decisions.transition(decision.parentDecisionId, 'executed', 'undone');
    }
    this.changed(decision);
  }

  private changed(decision: Decision): void {
    this.deps.onChange?.({ kind: 'decision', decisionId: decision.id, agentId: decision.agentId });
  }

  private mind(agentId: string): AgentMind {
    const mind = this.minds.get(agentId);
    if (!mind) throw new AcmError('NOT_FOUND', `no agent with id ${agentId}`);
    return mind;
  }

  private requireDecision(decisionId: string, state: Decision['state']): Decision {
    const decision = this.deps.store.decisions.get(decisionId);
    if (!decision) throw new AcmError('NOT_FOUND', `no decision with id ${decisionId}`);
    if (decision.state !== state) throw new AcmError('CONFLICT', `decision ${decisionId} is ${decision.state}, not ${state}`);
    return decision;
  }

  /** A decision a person can no longer act on (it was withdrawn): the alerts that asked them about it are answered. */
  private resolveAlertsOf(decisionId: string): void {
    for (const alert of this.deps.store.alerts.forDecision(decisionId)) if (alert.state !== 'resolved') this.deps.store.alerts.resolve(alert.id);
  }
}
