import type { AudienceInfo, CampaignInfo } from '@shared/domain/campaign';
import type { AgentDefinition } from '@shared/scenario/schema';
import type { Proposal } from '../proposal';

/** A budget change the agent makes no further than a proposal: an audience of its campaign is still learning. */
export interface LearningHold {
  proposal: Proposal;
  /** The enabled audiences still learning, by name. */
  audiences: string[];
  why: string;
}

/**
 * The campaign's enabled audiences whose platform is still learning their delivery. "Learning
 * limited" is not among them: it will not end by waiting, and a budget change is what the
 * platform advises to get out of it.
 */
export function learningAudiences(campaign: CampaignInfo): AudienceInfo[] {
  return campaign.audiences.filter((a) => a.enabled && a.learning === 'learning');
}

export function learningHoldReason(audiences: readonly string[]): string {
  const names = audiences.map((n) => `“${n}”`).join(', ');
  const which = audiences.length === 1 ? `audience ${names} is` : `audiences ${names} are`;
  return `held while learning: ${which} still in the platform's learning phase, which a budget change would restart; it waits until learning ends (holdBudgetWhileLearning)`;
}

/**
 * With `holdBudgetWhileLearning` on, the agent's budget changes on campaigns with an audience
 * still learning are held back (its pauses, bids and mix changes are not: they answer other
 * questions than how much to spend); off, every proposal goes ahead as before.
 */
export function holdWhileLearning(agent: AgentDefinition, proposals: Proposal[]): { go: Proposal[]; held: LearningHold[] } {
  if (agent.constraints.holdBudgetWhileLearning !== true) return { go: proposals, held: [] };
  const go: Proposal[] = [];
  const held: LearningHold[] = [];
  for (const proposal of proposals) {
    const learning = proposal.change.kind === 'budget' ? learningAudiences(proposal.campaign) : [];
    if (learning.length === 0) {
      go.push(proposal);
      continue;
    }
    const audiences = learning.map((a) => a.name);
    held.push({ proposal, audiences, why: learningHoldReason(audiences) });
  }
  return { go, held };
}
