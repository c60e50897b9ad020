import type { Decision } from '@shared/domain/decision';
import { AcmError } from '@shared/errors';
import { DAY_MS } from '@shared/time';
import type { ExecutionOutcome } from '../execution/executor';
import type { AccountView } from './account-view';
import type { DecisionDesk } from './decision-desk';
import type { Notices } from './notices';
import type { AgentRoster } from './roster';
import type { RuntimeDeps, UndoOptions } from './runtime-deps';

/** An escalated decision nobody approved within this long is withdrawn: the account has moved on. */
export const ESCALATION_TTL_MS = DAY_MS;

/** An agent asks a person about one campaign at most once in this many days: a question left unanswered is an answer. */
const ASK_AGAIN_DAYS = 7;

/**
 * What a person answers: approvals and rejections of what agents asked, undos of what they did,
 * and what becomes of questions nobody answers or that a new definition makes moot. Whatever a
 * person sends goes through the money path and the guard at the moment of execution.
 */
export class Escalations {
  constructor(
    private readonly deps: Pick<RuntimeDeps, 'store' | 'recommendOnly'>,
    private readonly roster: AgentRoster,
    private readonly view: AccountView,
    private readonly desk: DecisionDesk,
    private readonly notices: Notices,
  ) {}

  /**
   * A person approves an escalated decision: it executes now if the setting is still what it saw
   * and the limits in force now allow it (it is blocked, with an alert, if they do not).
   */
  async approve(decisionId: string, by: string): Promise<ExecutionOutcome> {
    const decision = this.requireDecision(decisionId, 'escalated');
    this.refuseSendingIfRecommendOnly(`decision ${decisionId} cannot be approved here`);
    const mind = this.roster.get(decision.agentId);
    if (mind.status !== 'active') throw new AcmError('CONFLICT', `agent ${mind.name} is ${mind.status}: resume it before approving its decisions`);
    const outcome = await this.view.run(async () => {
      await this.view.refresh();
      return this.desk.send(decisionId, 'escalated', by);
    });
    if (outcome.state === 'executed') mind.trackOpen(decisionId);
    this.notices.decisionChanged(decision);
    return outcome;
  }

  reject(decisionId: string, by: string): void {
    const decision = this.requireDecision(decisionId, 'escalated');
    this.deps.store.decisions.transition(decisionId, 'escalated', 'cancelled', { error: `rejected by ${by}` });
    this.notices.decisionChanged(decision);
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
    this.refuseSendingIfRecommendOnly(`decision ${decisionId} cannot be undone here`);
    const mind = this.roster.get(original.agentId);
    const override = options.overrideLimits === true;
    if (mind.status === 'terminated') throw new AcmError('CONFLICT', `cannot undo a decision of agent ${mind.name}: it is terminated`);
    if (mind.status === 'paused' && !override) {
      throw new AcmError('CONFLICT', `cannot undo a decision of agent ${mind.name}: it is paused; resume it, or undo with the override (recorded as yours)`);
    }
    const now = this.desk.stamps.now();
    const reasoning = override
      ? `Undo requested by ${by}, overriding the agent's own limits${mind.status === 'paused' ? ' and its pause' : ''}: restores the value before decision ${original.id}.`
      : `Undo requested by ${by}: restores the value before decision ${original.id}.`;
    const undo = this.deps.store.decisions.insert({
      ...original,
      id: this.desk.newId(),
      createdAt: now,
      before: original.after,
      after: original.before,
      reasoning,
      confidence: 1,
      metrics: { ...(original.metrics as object), ...(override ? { overrideLimits: true } : {}) },
      state: 'proposed',
      idempotencyKey: this.desk.newId(),
      parentDecisionId: original.id,
      executedAt: undefined,
      approvedBy: by,
      error: undefined,
    } as Decision);
    const outcome = await this.view.run(async () => {
      await this.view.refresh();
      return this.desk.send(undo.id, 'proposed');
    });
    if (outcome.state === 'executed') this.deps.store.decisions.transition(original.id, 'executed', 'undone');
    this.notices.decisionChanged(original);
    this.notices.decisionChanged(undo);
    return outcome;
  }

  /**
   * The agent's decisions waiting for a person that its definition as it stands would refuse,
   * withdrawn: approving them would break its new limits. Call inside the money path, the
   * account read. Says which it withdrew.
   */
  withdrawRefused(agentId: string): string[] {
    const withdrawn: string[] = [];
    for (const decision of this.deps.store.decisions.page({ agentId, states: ['escalated'] }, undefined, 500).items) {
      const campaign = this.view.current.find((c) => c.id === decision.campaignId);
      const refused = campaign
        ? this.desk.refusalsNow(decision, campaign, { awaitingApproval: true })
        : [{ rule: 'constraint.campaigns', message: `campaign ${decision.campaignId} is no longer in the account` }];
      if (refused.length === 0) continue;
      const why = `withdrawn: the agent's new definition would refuse it (${refused.map((f) => `${f.rule}: ${f.message}`).join('; ')})`;
      if (this.deps.store.decisions.transition(decision.id, 'escalated', 'cancelled', { error: why })) {
        this.notices.resolveAlertsOf(decision.id);
        withdrawn.push(decision.id);
        this.notices.decisionChanged(decision);
      }
    }
    return withdrawn;
  }

  /** Escalations nobody answered within ESCALATION_TTL_MS, withdrawn. */
  expire(now: number): void {
    for (const d of this.deps.store.decisions.page({ states: ['escalated'], to: now - ESCALATION_TTL_MS }, undefined, 500).items) {
      this.deps.store.decisions.transition(d.id, 'escalated', 'cancelled', { error: 'expired: nobody approved it within 24 h' });
      this.notices.decisionChanged(d);
    }
  }

  /** Campaigns on which the agent asked a person within ASK_AGAIN_DAYS, whatever the answer was. */
  askedLately(agentId: string, now: number): Set<string> {
    const asked = this.deps.store.decisions.page({ agentId, states: ['escalated', 'cancelled'], from: now - ASK_AGAIN_DAYS * DAY_MS }, undefined, 500).items;
    return new Set(asked.filter((d) => d.state === 'escalated' || /^(expired|rejected)/.test(d.error ?? '')).map((d) => d.campaignId));
  }

  /** On an account that may only be read, a person's word sends nothing either: the platform would refuse it. */
  private refuseSendingIfRecommendOnly(what: string): void {
    const reason = this.deps.recommendOnly;
    if (reason !== undefined) throw new AcmError('CONFLICT', `${what}: the account is recommend only (${reason}); the platform would refuse the change`);
  }

  private requireDecision(decisionId: string, state: Decision['state']): Decision {
    const decision = this.deps.store.decisions.get(decisionId);
    if (!decision) throw new AcmError('NOT_FOUND', `no decision with id ${decisionId}`);
    if (decision.state !== state) throw new AcmError('CONFLICT', `decision ${decisionId} is ${decision.state}, not ${state}`);
    return decision;
  }
}
