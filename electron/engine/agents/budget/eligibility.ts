import type { CampaignInfo } from '@shared/domain/campaign';
import type { Policy } from '@shared/scenario/schema';
import { changesWithin } from '@engine/guardrails/settings';
import { HOUR_MS } from '@shared/time';
import { count } from '../format';
import { EVIDENCE_DAYS, evidenceOf } from '../proposal';
import type { BudgetContext } from './context';

/**
 * After a change of creatives or audiences (any agent's) a campaign's budget waits this long: its
 * response model has seen too little of the new mix to forecast it, and a budget move then would
 * chase the jump the mix made (and blur both changes' outcomes).
 */
export const MIX_SETTLE_HOURS = 48;

/** Why a campaign without a forecast is left out of the plan altogether (its budget counts as spent). */
export const NO_FORECAST = 'the forecast model has no usable data yet';

type Check = (ctx: BudgetContext, campaign: CampaignInfo) => boolean;

interface Hold {
  holds: Check;
  why: (ctx: BudgetContext, campaign: CampaignInfo) => string;
}

function protectedLabels(policies: readonly Policy[]): string[] {
  return policies.flatMap((p) => (p.rule === 'protectedLabel' ? [p.label] : []));
}

const budgetNotAllowed: Check = (ctx) => !ctx.agent.constraints.actions.includes('budget');

// A protected campaign may not be cut, so a raise could never be taken back: it is left to a person.
const protectedByPolicy: Check = (ctx, campaign) => {
  const labels = protectedLabels(ctx.policies);
  return campaign.labels.some((l) => labels.includes(l));
};

const changedInCooldown: Check = (ctx, campaign) =>
  changesWithin(ctx.history, campaign.id, ctx.now - ctx.agent.constraints.cooldownHours * HOUR_MS).some(
    (h) => h.setting === 'budget' || h.setting === 'status',
  );

const mixChangedLately: Check = (ctx, campaign) =>
  changesWithin(ctx.history, campaign.id, ctx.now - MIX_SETTLE_HOURS * HOUR_MS).some(
    (h) => h.setting.startsWith('creative:') || h.setting.startsWith('targeting:'),
  );

// The forecasts are per campaign and cannot tell how the campaigns on one budget split it, so a move of it could not be planned.
const onSharedBudget: Check = (_ctx, campaign) => campaign.sharedBudget !== undefined;

const personAsked: Check = (ctx, campaign) => ctx.awaitingPerson.has(campaign.id);

const tooLittleEvidence: Check = (ctx, campaign) => evidenceOf(ctx, campaign.id) < ctx.agent.constraints.minConversionsToAct;

/** In the order a reason is given: the first that holds is the one a person reads. */
const HOLDS: readonly Hold[] = [
  { holds: budgetNotAllowed, why: () => 'budget changes are not among its actions' },
  { holds: protectedByPolicy, why: () => 'a policy protects it: its budget is a person’s call' },
  {
    holds: onSharedBudget,
    why: (_ctx, campaign) =>
      `its budget '${campaign.sharedBudget?.name}' is shared by ${campaign.sharedBudget?.campaignIds.length} campaigns, whose split of it no forecast can tell: moving it is a person's call`,
  },
  { holds: changedInCooldown, why: () => 'its budget changed within the cooldown' },
  { holds: mixChangedLately, why: () => `its creatives or audiences changed within ${MIX_SETTLE_HOURS} h: its forecast still knows the old mix` },
  { holds: personAsked, why: () => 'a person was asked about it lately' },
  {
    holds: tooLittleEvidence,
    why: (ctx, campaign) =>
      `only ${count(evidenceOf(ctx, campaign.id))} conversions in ${EVIDENCE_DAYS} days; ${ctx.agent.constraints.minConversionsToAct} needed`,
  },
];

/** Why the campaign's budget stays where it is this review (it still counts in the plan at its budget); undefined when it may move. */
export function heldReason(ctx: BudgetContext, campaign: CampaignInfo): string | undefined {
  return HOLDS.find((h) => h.holds(ctx, campaign))?.why(ctx, campaign);
}
