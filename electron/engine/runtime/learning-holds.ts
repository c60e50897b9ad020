import type { CampaignInfo } from '@shared/domain/campaign';
import type { Decision } from '@shared/domain/decision';
import { DAY_MS } from '@shared/time';
import type { AgentMind } from '../agents/agent-mind';
import { learningAudiences, type LearningHold } from '../agents/budget/learning-hold';
import type { DecisionDesk } from './decision-desk';
import type { Notices } from './notices';
import type { RuntimeDeps } from './runtime-deps';

/**
 * The longest a learning phase lasts (Meta's: a week after the last significant edit, then it is
 * "limited", which holds nothing): a hold recorded longer ago belongs to an earlier phase.
 */
const LEARNING_PHASE_MS = 7 * DAY_MS;

/** The mark a held budget change carries in its recorded metrics: the audiences it waited for. */
const HELD_MARK = 'heldWhileLearning';

const keyOf = (agentId: string, campaignId: string) => `${agentId}|${campaignId}`;

/**
 * Budget changes an agent holds while its campaign's audiences learn, recorded where a person
 * reads what the agent did: the first held change of each hold becomes a decision, cancelled
 * before it was sent, whose error says which audiences are learning and why it waits. Later
 * reviews of the same hold record nothing more (the review report still names it), so a week of
 * learning is one entry per campaign, not one per review.
 */
export class LearningHolds {
  /** Holds recorded and still going on, by agent and campaign. */
  private readonly open = new Set<string>();
  /** Agent and campaign pairs seen out of learning since this process started: their next hold is a new one. */
  private readonly seenFree = new Set<string>();

  constructor(
    private readonly deps: Pick<RuntimeDeps, 'store' | 'clock'>,
    private readonly desk: Pick<DecisionDesk, 'draft' | 'stamps'>,
    private readonly notices: Notices,
  ) {}

  /** Records the holds of one review of `mind`, after ending those of its campaigns that left learning. */
  record(mind: AgentMind, campaigns: readonly CampaignInfo[], holds: readonly LearningHold[]): void {
    for (const campaign of campaigns) {
      if (learningAudiences(campaign).length > 0) continue;
      const key = keyOf(mind.id, campaign.id);
      this.open.delete(key);
      this.seenFree.add(key);
    }
    for (const hold of holds) {
      const key = keyOf(mind.id, hold.proposal.campaign.id);
      if (!this.open.has(key) && (this.seenFree.has(key) || !this.recordedEarlier(mind.id, hold.proposal.campaign.id))) this.insert(mind, hold);
      this.open.add(key);
    }
  }

  /** After a restart: whether the agent's latest budget decision on the campaign is a hold of this same learning phase. */
  private recordedEarlier(agentId: string, campaignId: string): boolean {
    const from = this.deps.clock.now() - LEARNING_PHASE_MS;
    const [latest] = this.deps.store.decisions.page({ agentId, campaignId, kinds: ['budget'], from }, undefined, 1).items;
    return latest?.state === 'cancelled' && (latest.metrics as Record<string, unknown> | null)?.[HELD_MARK] !== undefined;
  }

  private insert(mind: AgentMind, { proposal, audiences, why }: LearningHold): void {
    const decision = this.deps.store.immediate(() => {
      const draft = this.desk.draft(mind, proposal, this.desk.stamps.now());
      const made = this.deps.store.decisions.insert({
        ...draft,
        metrics: { ...(draft.metrics as Record<string, unknown>), [HELD_MARK]: audiences },
      } as Decision);
      this.deps.store.decisions.transition(made.id, 'proposed', 'cancelled', { error: why });
      return made;
    });
    this.notices.decisionChanged(decision);
  }
}
