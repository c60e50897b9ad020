import { randomUUID } from 'node:crypto';
import type { CampaignInfo } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import type { Policy } from '@shared/scenario/schema';
import { DAY_MS, MonotonicClock, systemClock, type Clock } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { resizeRaise, spendGap } from '../agents/budget-proposals';
import { executionRefusals, overridesLimits } from '../agents/execution-guard';
import { appliedSince } from '../agents/history';
import type { Proposal } from '../agents/proposal';
import { Executor, type ExecutionOutcome } from '../execution/executor';
import { leaseOwnerAlive, newLeaseOwner } from '../execution/lease-owner';
import { guard } from '../guardrails/guard';
import type { AppliedChange, Finding, GuardInput, PoolLimit, Verdict } from '../guardrails/types';
import { agentPools, memoryMs } from './account-limits';
import type { AccountView } from './account-view';
import { SpendCeilingWatch } from './spend-ceilings';
import type { SpendCeilings } from '../guardrails/day-spend';
import type { Notices } from './notices';
import type { AgentRoster } from './roster';
import { RECOMMEND_ONLY_RULE, recommendOnlyFinding, recommendOnlyVerdict } from './recommend-only';
import { reportingAssumptions } from './reporting-assumptions';
import type { RuntimeDeps } from './runtime-deps';

/** How long a campaign lease lasts unless released: longer than any platform call, short enough that a crashed holder's lapses soon. */
const LEASE_TTL_MS = 30_000;

/** The limits on what campaigns may budget together, which a later cut can make room under. */
function isRoomLimit(rule: string, policies: readonly Policy[]): boolean {
  if (rule === 'constraint.maxDailySpend' || rule === 'account.dailySpendCap' || rule.startsWith('pool.')) return true;
  return policies.some((p) => p.rule === 'accountDailySpendCap' && rule === `policy.${p.id}`);
}

export type DecisionEnd = ExecutionOutcome['state'] | 'escalated' | 'deferred';

/**
 * The decision desk: every proposal that goes ahead is guarded, recorded and executed here. An
 * agent's proposal is judged by the guard and becomes a decision (blocked, escalated, or sent);
 * every decision, whoever's word sends it, is guarded once more by the limits in force at the
 * moment of its platform call.
 */
export class DecisionDesk {
  readonly executor: Executor;
  readonly newId: () => string;
  /** Stamps records: within one tick every decision and its execution gets its own instant, in order. */
  readonly stamps: Clock;
  private readonly policies: readonly Policy[];
  /** This process, as the holder of campaign leases. */
  private readonly hostId = newLeaseOwner();
  private readonly ceilings: SpendCeilingWatch;

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly roster: AgentRoster,
    private readonly view: AccountView,
    private readonly notices: Notices,
  ) {
    this.newId = deps.newId ?? randomUUID;
    this.policies = deps.policies ?? [];
    this.ceilings = new SpendCeilingWatch(deps);
    this.stamps = new MonotonicClock(deps.clock);
    const wall = deps.wallClock ?? systemClock;
    this.executor = new Executor({
      platform: deps.platform,
      decisions: deps.store.decisions,
      mayExecute: (d) => {
        const status = roster.find(d.agentId)?.status;
        return status === 'active' || (status === 'paused' && overridesLimits(d));
      },
      // A decision left pending by a run that could still change the account is not sent now either.
      refusals: (d, campaign) =>
        (deps.recommendOnly === undefined ? this.refusalsNow(d, campaign) : [recommendOnlyFinding(deps.recommendOnly)]).map((f) => `${f.rule}: ${f.message}`),
      onRefused: (d, why) => {
        const name = roster.find(d.agentId)?.name ?? d.agentId;
        const campaign = view.current.find((c) => c.id === d.campaignId)?.name ?? d.campaignId;
        notices.alert('blocked', 'warning', d.agentId, d.id, `${name} was stopped from changing ${campaign}: ${why}`);
      },
      clock: this.stamps,
      sleep: deps.sleep,
      random: deps.random,
      onBreakerTrip: (agentId, error) => this.tripBreaker(agentId, error),
      onAttempt: ({ decision, attempt, at, result, error }) =>
        deps.store.decisions.recordAttempt(decision.id, { attempt, at, result, ...(error ? { error } : {}) }),
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

  /** What the guard is asked about an agent's proposal. */
  guardInput(
    mind: AgentMind,
    proposal: Proposal,
    account: readonly CampaignInfo[],
    pools: readonly PoolLimit[],
    history: readonly AppliedChange[],
    now: number,
  ): GuardInput {
    return {
      now,
      change: proposal.change,
      campaign: proposal.campaign,
      account,
      agentCampaignIds: mind.campaignsOf(account).map((c) => c.id),
      constraints: mind.definition.constraints,
      policies: this.policies,
      accountDailySpendCap: this.deps.accountDailySpendCap,
      spendCeilings: this.spendCeilings(account, now),
      holdout: this.deps.holdout?.(),
      pools: pools.filter((p) => p.campaignIds.includes(proposal.campaign.id)),
      history,
      evidenceConversions: proposal.evidenceConversions,
      confidence: proposal.confidence,
    };
  }

  /** How far past their budgets the campaigns may spend in a day where the platform overspends: for the account's cap on a day's spend and spend forecasts. */
  spendCeilings(account: readonly CampaignInfo[], now: number): SpendCeilings | undefined {
    return this.ceilings.at(this.roster.all(), account, now);
  }

  /** The record of an agent's proposal as it is first written: proposed, with its forecast and what the forecast rests on. */
  draft(mind: AgentMind, proposal: Proposal, createdAt: number): Decision {
    return {
      id: this.newId(),
      createdAt,
      agentId: mind.id,
      campaignId: proposal.campaign.id,
      kind: proposal.after.kind,
      before: proposal.before,
      after: proposal.after,
      reasoning: proposal.reasoning,
      confidence: proposal.confidence,
      prediction: proposal.prediction,
      metrics: {
        ...proposal.metrics,
        rawForecast: proposal.raw,
        evidenceConversions: proposal.evidenceConversions,
        ...reportingAssumptions(this.deps.platform),
      },
      state: 'proposed',
      idempotencyKey: this.newId(),
    } as Decision;
  }

  /** An agent's proposal, guarded, recorded as a decision and, if nothing stops it, executed; says how it ended. */
  async decide(
    mind: AgentMind,
    proposal: Proposal,
    account: readonly CampaignInfo[],
    pools: readonly PoolLimit[],
    history: readonly AppliedChange[],
  ): Promise<DecisionEnd> {
    const now = this.deps.clock.now();
    const verdict: Verdict = recommendOnlyVerdict(guard(this.guardInput(mind, proposal, account, pools, history, now)), this.deps.recommendOnly);
    const stamp = this.stamps.now();
    // The plan counted on cuts that have not happened (one awaits approval, another agent's
    // claim stood): a raise that no longer fits under a spend limit is made again as large as
    // the room allows, or waits for the next review; it is not refused.
    if (verdict.outcome === 'block' && verdict.findings.every((f) => isRoomLimit(f.rule, this.policies))) {
      const fitted = this.fitted(mind, proposal, account, pools, history, now);
      return fitted ? this.decide(mind, fitted, account, pools, history) : 'deferred';
    }
    const decision = this.deps.store.decisions.insert(this.draft(mind, proposal, stamp));
    if (verdict.outcome === 'block') {
      const why = verdict.findings.map((f) => `${f.rule}: ${f.message}`).join('; ');
      this.deps.store.decisions.transition(decision.id, 'proposed', 'blocked', { error: why });
      this.notices.alert('blocked', 'warning', mind.id, decision.id, `${mind.name} was stopped from changing ${proposal.campaign.name}: ${why}`);
      this.notices.decisionChanged(decision);
      return 'blocked';
    }
    if (verdict.outcome === 'escalate') {
      const lowConfidence = verdict.findings.some((f) => f.rule === 'constraint.minConfidence');
      const why = verdict.findings.map((f) => f.message).join('; ');
      const asks = verdict.findings.some((f) => f.rule === RECOMMEND_ONLY_RULE) ? 'recommends a change to' : 'asks for approval on';
      this.deps.store.decisions.transition(decision.id, 'proposed', 'escalated', { error: why });
      this.notices.alert(
        lowConfidence ? 'low_confidence' : 'escalation',
        'warning',
        mind.id,
        decision.id,
        `${mind.name} ${asks} ${proposal.campaign.name}: ${why}`,
      );
      this.notices.decisionChanged(decision);
      return 'escalated';
    }
    const outcome = await this.view.run(() => this.send(decision.id));
    this.notices.decisionChanged(decision);
    mind.trackOpen(decision.id);
    return outcome.state;
  }

  /** Sends a decision to the platform; call inside the money path. The account's view follows an executed one. */
  async send(decisionId: string, from?: 'proposed' | 'escalated', approvedBy?: string): Promise<ExecutionOutcome> {
    const outcome = await this.executor.execute(decisionId, from, approvedBy);
    if (outcome.state === 'executed') this.view.follow(this.deps.store.decisions.get(decisionId)!);
    return outcome;
  }

  /**
   * What refuses `decision` under the limits in force this instant, the campaign as the platform
   * has it and the rest of the account as last read with every change made since.
   */
  refusalsNow(decision: Decision, campaign: CampaignInfo, options: { awaitingApproval?: boolean } = {}): Finding[] {
    const mind = this.roster.find(decision.agentId);
    if (!mind) return [{ rule: 'agent', message: `no agent ${decision.agentId}` }];
    const now = this.deps.clock.now();
    const account = this.view.with(campaign);
    return executionRefusals(
      decision,
      campaign,
      {
        definition: mind.definition,
        account,
        policies: this.policies,
        accountDailySpendCap: this.deps.accountDailySpendCap,
        spendCeilings: this.spendCeilings(account, now),
        holdout: this.deps.holdout?.(),
        pools: agentPools(this.deps.pools ?? [], this.roster.all(), account),
        history: appliedSince(this.deps.store.decisions, now - memoryMs([mind]), campaign.id),
        now,
      },
      options,
    );
  }

  /** The raise made again at the largest budget the spend limits allow now, if that is still a raise worth making. */
  private fitted(
    mind: AgentMind,
    proposal: Proposal,
    account: readonly CampaignInfo[],
    pools: readonly PoolLimit[],
    history: readonly AppliedChange[],
    now: number,
  ): Proposal | undefined {
    if (!proposal.raise || proposal.before.kind !== 'budget' || proposal.after.kind !== 'budget') return undefined;
    const fits = (budget: number) =>
      guard(
        this.guardInput(mind, { ...proposal, change: { kind: 'budget', campaignId: proposal.campaign.id, dailyBudget: budget } }, account, pools, history, now),
      ).outcome !== 'block';
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
    const recent = this.deps.store.decisions.page(
      { campaignId: decision.campaignId, states: ['executed'], kinds: [decision.kind], from: decision.createdAt - DAY_MS },
      undefined,
      100,
    ).items;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    return recent.find((d) => d.id !== decision.id && same(d.before, decision.before) && same(d.after, decision.after))?.id;
  }

  private tripBreaker(agentId: string, error: string): void {
    const mind = this.roster.find(agentId);
    if (!mind || mind.status !== 'active') return;
    this.roster.stop([agentId], 'paused');
    this.notices.alert(
      'circuit_break',
      'critical',
      agentId,
      undefined,
      `${mind.name} was paused after ${this.executor.breaker.threshold} failed changes in a row; the last: ${error}`,
    );
  }
}
