import type { CampaignInfo } from '@shared/domain/campaign';
import type { AgentDefinition } from '@shared/scenario/schema';
import { HOUR_MS } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { arbitrate, trackRecord, type ConflictFinding, type Contender } from '../agents/arbiter';
import { proposeBids } from '../agents/bid-proposals';
import { proposeBudgets, spendFloor } from '../agents/budget-proposals';
import type { LearningHold } from '../agents/budget/learning-hold';
import { proposeCreatives } from '../agents/creative-proposals';
import { appliedSince } from '../agents/history';
import { poolWeight, shareBudget } from '../agents/pools';
import type { Keep, Proposal } from '../agents/proposal';
import { proposeTargeting } from '../agents/targeting-proposals';
import { isVolatile, reviewEveryHours } from '../agents/volatility';
import { guard } from '../guardrails/guard';
import { activeBudgetSum } from '../guardrails/settings';
import type { AppliedChange } from '../guardrails/types';
import { agentPools, maxTotal, memoryMs, type ResolvedPools } from './account-limits';
import type { AccountView } from './account-view';
import type { DecisionDesk, DecisionEnd } from './decision-desk';
import type { Escalations } from './escalations';
import { hoursBetween } from './gap';
import { LearningHolds } from './learning-holds';
import type { Notices } from './notices';
import { recommendOnlyVerdict } from './recommend-only';
import type { AgentRoster } from './roster';
import type { AgentPreview, RuntimeDeps } from './runtime-deps';

/** How many of an agent's latest outcomes make its track record. */
const TRACK_RECORD_OUTCOMES = 50;

function disjoint(sets: readonly (readonly string[])[]): boolean {
  const seen = new Set<string>();
  for (const set of sets)
    for (const id of set) {
      if (seen.has(id)) return false;
      seen.add(id);
    }
  return true;
}

/** Cuts and pauses before raises. */
function stepOf(p: Proposal): number {
  if (p.change.kind === 'status') return p.change.status === 'paused' ? -Infinity : Infinity;
  return p.change.kind === 'budget' ? p.change.dailyBudget - p.campaign.dailyBudget : 0;
}

/** One applied change, whichever read it came from. */
const changeKey = (c: AppliedChange) => `${c.campaignId}|${c.setting}|${c.at}`;

/** Why an accepted proposal did not go ahead, by how its decision ended. */
const NOT_DONE: Record<Exclude<DecisionEnd, 'executed'> | 'paused' | 'learning', string> = {
  escalated: 'waits for a person (see Alerts)',
  blocked: 'the guardrails blocked it',
  deferred: 'no room left under the spend limits this time',
  failed: 'the platform call failed',
  pending: 'the platform has not confirmed it yet',
  cancelled: 'the setting changed before it could be made',
  paused: 'the agent was paused',
  learning: 'it waits while an audience is still learning',
};

/**
 * The review cycle: which agents are due, what each observes and proposes, how pools are shared
 * among them, and what the arbiter lets go ahead, handed to the decision desk cuts first so that
 * they make room for raises under the spend limits.
 */
export class ReviewCycle {
  private readonly learningHolds: LearningHolds;

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly roster: AgentRoster,
    private readonly view: AccountView,
    private readonly desk: DecisionDesk,
    private readonly escalations: Escalations,
    private readonly notices: Notices,
  ) {
    this.learningHolds = new LearningHolds(deps, desk, notices);
  }

  /**
   * Active agents whose review falls in this hour: daily at the account's local midnight, every
   * few hours from it while volatile. A day across daylight saving has 23 or 25 hours: the last
   * review counts as far enough back when it was a slot ago, give or take the slot's hour.
   */
  due(now: number): AgentMind[] {
    return this.roster.all().filter((mind) => this.isDue(mind, now));
  }

  /** Active agents whose review fell in any hour after `since` up to `now` (a gap the scheduler slept through), each once. */
  dueSince(since: number, now: number): AgentMind[] {
    const hours = [...hoursBetween((ms) => this.deps.zone.startOfHour(ms), since, now), now];
    return this.roster.all().filter((mind) => hours.some((at) => this.isDue(mind, at)));
  }

  /** The agent's review interval at `now`, in hours: a day, or a few hours while volatile. */
  reviewEveryHours(mind: AgentMind, now: number): number {
    return reviewEveryHours(mind, this.deps.calendar ?? [], now);
  }

  private isDue(mind: AgentMind, at: number): boolean {
    if (mind.status !== 'active') return false;
    const every = this.reviewEveryHours(mind, at);
    const intoDay = at - this.deps.zone.startOfDay(at);
    return at - mind.lastReview >= (every - 1) * HOUR_MS && intoDay % (every * HOUR_MS) < HOUR_MS;
  }

  async review(due: AgentMind[], now: number): Promise<void> {
    // Read in the money path, so that no change being sent meanwhile is missing from the view.
    const account = await this.view.run(() => this.view.refresh());
    for (const mind of due) mind.lastReview = now;
    await this.observe(due, account, now);
    const history = appliedSince(this.deps.store.decisions, now - memoryMs(due));
    const pools = agentPools(this.deps.pools ?? [], this.roster.all(), account);
    const records = new Map(due.map((m) => [m.id, trackRecord(this.deps.store.outcomes.listForAgent(m.id, { limit: TRACK_RECORD_OUTCOMES }))]));
    const propose = (mind: AgentMind, total: number) => this.propose(mind, account, history, total, now);
    const limits = new Map(due.map((m) => [m.id, this.maxTotal(m, account, pools)]));
    for (const pool of pools) {
      const members = due.filter((m) => pool.agentIds.includes(m.id));
      if (members.length < 2 || !disjoint(members.map((m) => m.campaignsOf(account).map((c) => c.id)))) continue;
      const grants = shareBudget(
        pool.dailyBudget,
        members.map((m) => ({
          agentId: m.id,
          desired: propose(m, limits.get(m.id)!).plan?.totals.spend ?? 0,
          weight: poolWeight(m.definition.priority, records.get(m.id)!),
        })),
      );
      for (const [id, grant] of grants) limits.set(id, Math.min(limits.get(id)!, grant));
    }
    const waiting = new Map<string, LearningHold[]>();
    const contenders: Contender[] = due.map((mind) => {
      const { proposals, plan, keeps, learning } = propose(mind, limits.get(mind.id)!);
      if (plan && plan.atRisk.length > 0 && now - this.deps.zone.startOfDay(now) < HOUR_MS)
        this.notices.alert('goal_at_risk', 'warning', mind.id, undefined, `${mind.name}: ${plan.atRisk.join('; ')}.`);
      const own = mind.campaignsOf(account);
      this.learningHolds.record(mind, own, learning);
      waiting.set(mind.id, learning);
      const least = spendFloor(mind.definition);
      const spendClaim = least > 0 ? { least, total: activeBudgetSum(own), campaignIds: new Set(own.map((c) => c.id)) } : undefined;
      return {
        agentId: mind.id,
        name: mind.name,
        priority: mind.definition.priority,
        trackRecord: records.get(mind.id)!,
        proposals,
        keeps,
        spendFloor: spendClaim,
      };
    });
    const { accepted, conflicts, report } = arbitrate(
      contenders,
      history.filter((h): h is typeof h & { agentId: string } => h.agentId !== undefined),
    );
    for (const conflict of conflicts) this.recordConflict(conflict, now);
    for (const [agentId, holds] of waiting) {
      const entry = report.get(agentId)!;
      entry.asked += holds.length;
      for (const { proposal, audiences } of holds) entry.why.push(`budget of ${proposal.campaign.name}: ${NOT_DONE.learning} (${audiences.join(', ')})`);
    }
    accepted.sort((a, b) => stepOf(a.proposal) - stepOf(b.proposal));
    const known = new Set(history.map(changeKey));
    for (const { agentId, proposal } of accepted) {
      const mind = this.roster.get(agentId);
      const entry = report.get(agentId)!;
      const current = this.view.current.find((c) => c.id === proposal.campaign.id) ?? proposal.campaign;
      // The campaign's latest changes, re-read: another host may have made one since the review began (the guard's other limits read the account).
      const latest = appliedSince(this.deps.store.decisions, now - HOUR_MS, proposal.campaign.id).filter((c) => !known.has(changeKey(c)));
      const outcome =
        mind.status === 'active'
          ? await this.desk.decide(mind, { ...proposal, campaign: current }, this.view.current, pools, latest.length > 0 ? [...history, ...latest] : history)
          : 'paused';
      if (outcome !== 'executed') {
        entry.granted--;
        entry.why.push(`${proposal.change.kind} of ${proposal.campaign.name}: ${NOT_DONE[outcome]}`);
      }
    }
    for (const mind of due) mind.lastReport = { at: now, ...report.get(mind.id)! };
  }

  /**
   * What an agent that does not exist yet would do now: one review of the account for the
   * definition, with the guardrails' verdict on each proposal. Nothing is recorded or sent.
   */
  async preview(definition: AgentDefinition): Promise<AgentPreview> {
    const now = this.deps.clock.now();
    const mind = this.roster.mindOf('preview', definition, 'active');
    const account = await this.deps.platform.listCampaigns();
    await this.observe([mind], account, now);
    const history = appliedSince(this.deps.store.decisions, now - memoryMs([mind]));
    const pools = agentPools(this.deps.pools ?? [], this.roster.all(), account);
    const { proposals, plan, held } = this.propose(mind, account, history, this.maxTotal(mind, account, pools), now);
    return {
      at: now,
      proposals: proposals.map((proposal) => ({
        proposal,
        verdict: recommendOnlyVerdict(guard(this.desk.guardInput(mind, proposal, account, pools, history, now)), this.deps.recommendOnly),
      })),
      held,
      atRisk: plan?.atRisk ?? [],
      daysObserved: Math.max(0, ...mind.campaignsOf(account).map((c) => mind.observer.daily(c.id, now).length)),
    };
  }

  private async observe(minds: readonly AgentMind[], account: readonly CampaignInfo[], now: number): Promise<void> {
    for (const mind of minds) {
      const ids = mind.campaignsOf(account).map((c) => c.id);
      await mind.observer.refresh(this.deps.platform, ids, now);
      mind.learn(ids, now);
    }
  }

  private propose(mind: AgentMind, account: readonly CampaignInfo[], history: readonly AppliedChange[], total: number, now: number) {
    const day = this.deps.zone.startOfDay(now);
    const awaitingPerson = this.escalations.askedLately(mind.id, now);
    const review = {
      agent: mind.definition,
      now: day,
      campaigns: mind.campaignsOf(account),
      models: mind.models,
      observer: mind.observer,
      calibrator: mind.calibrator,
      raiseBias: mind.raiseCalibrator.bias,
      history,
      awaitingPerson,
    };
    const creatives = proposeCreatives(review);
    const targeting = proposeTargeting(review);
    const budgets = proposeBudgets({
      ...review,
      policies: this.deps.policies ?? [],
      maxTotal: total,
      spendCeilings: this.desk.spendCeilings(account, now),
      volatile: isVolatile(mind, this.deps.calendar ?? [], now),
    });
    const bids = proposeBids({ ...review, plan: budgets.plan });
    return { ...budgets, proposals: [...budgets.proposals, ...bids, ...creatives, ...targeting] };
  }

  private maxTotal(mind: AgentMind, account: readonly CampaignInfo[], pools: ResolvedPools): number {
    return maxTotal(mind, account, pools, this.deps.policies ?? [], this.deps.accountDailySpendCap, this.desk.spendCeilings(account, this.deps.clock.now()));
  }

  private recordConflict(conflict: ConflictFinding, now: number): void {
    const asProposal = (p: Proposal | AppliedChange | Keep, campaignId: string) => {
      if ('change' in p) return { change: p.change, reasoning: p.reasoning, confidence: p.confidence, prediction: p.prediction };
      const kept = 'after' in p ? { ...p.after, campaignId } : { kind: 'budget' as const, campaignId, dailyBudget: p.campaign.dailyBudget };
      const budget = kept.kind === 'budget' ? kept.dailyBudget : 0;
      const reasoning = 'after' in p ? 'a change it executed, whose outcome window is still open' : p.reasoning;
      return {
        change: kept as Proposal['change'],
        reasoning,
        confidence: 1,
        prediction: { metric: 'spend' as const, windowHours: 24, point: budget, low80: budget, high80: budget },
      };
    };
    this.deps.store.conflicts.insert({
      id: this.desk.newId(),
      createdAt: now,
      campaignId: conflict.campaignId,
      setting: conflict.setting,
      winnerAgentId: conflict.winner.agentId,
      loserAgentId: conflict.loser.agentId,
      rule: conflict.rule,
      winnerProposal: asProposal(conflict.winner.proposal, conflict.campaignId),
      loserProposal: asProposal(conflict.loser.proposal, conflict.campaignId),
    });
    const winner = this.roster.get(conflict.winner.agentId).name;
    const loser = this.roster.get(conflict.loser.agentId).name;
    // The alert is what tells the live views: a conflict is always reviewed through it.
    this.notices.alert(
      'conflict',
      'info',
      conflict.loser.agentId,
      undefined,
      `${winner} and ${loser} both wanted ${conflict.setting} of ${conflict.loser.proposal.campaign.name}; ${winner} won by ${conflict.rule}. ${loser}'s dissent: ${conflict.loser.proposal.reasoning}`,
    );
  }
}
