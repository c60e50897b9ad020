import type { CampaignChange } from '@shared/domain/campaign';
import { PlatformError } from '@shared/platform/adapter';
import type { MutateService } from './ads-client';
import type { GoogleCampaignView } from './campaign-view';
import { adGroupOfCriterion } from './google-rows';
import { toMicros } from './micros';

/** One field a mutate sets on one resource, as REST JSON names it. */
export interface FieldWrite {
  resourceName: string;
  field: 'amountMicros' | 'status' | 'cpcBidMicros';
  value: string;
  /** The value as read before: a read-back that still shows it says the write did not land. */
  was: string | undefined;
}

/** One mutate request of a change: its service and the fields it sets (absolute values; all land or none). */
export interface Mutation {
  service: MutateService;
  what: string;
  writes: FieldWrite[];
  /** The campaign (or budget) whose resources a GAQL read-back looks at when the answer is lost. */
  scopeId: string;
}

/** Another campaign on a shared budget, named in a refusal. */
export interface BudgetSharer {
  id: string;
  name: string;
}

export interface PlanContext {
  currency: string;
  /** For a shared budget: the campaigns on it other than this one. */
  sharers?: BudgetSharer[];
  /** The campaigns the caller manages; a shared budget moves only when every campaign on it is among them. */
  managed?: Pick<ReadonlySet<string>, 'has'>;
}

/** The operations of a mutation as Google's REST JSON takes them: an update with its `updateMask`. */
export function operationsOf(mutation: Mutation): Record<string, unknown>[] {
  return mutation.writes.map((w) => ({ update: { resourceName: w.resourceName, [w.field]: w.value }, updateMask: w.field }));
}

/**
 * The mutate that carries a change to Google, as absolute values, planned against the campaign as
 * just read: nothing is sent for what already stands (null), and what the adapter can see Google
 * or the operator's other campaigns would suffer from is refused before anything is sent.
 */
export function planChange(view: GoogleCampaignView, change: CampaignChange, context: PlanContext): Mutation | null {
  const id = view.info.id;
  switch (change.kind) {
    case 'budget': {
      if (!(Number.isFinite(change.dailyBudget) && change.dailyBudget > 0))
        throw new PlatformError('INVALID_CHANGE', `${id}: a daily budget must be above 0, got ${change.dailyBudget}`);
      const { budget } = view;
      if (!budget) throw new PlatformError('INVALID_CHANGE', `${id}: the campaign has no campaign budget to change`);
      if (budget.shared) refuseUnmanagedSharers(id, budget.name, context);
      const micros = toMicros(change.dailyBudget, context.currency);
      return micros === budget.amountMicros
        ? null
        : single(
            'campaignBudgets',
            `${budget.name} amount`,
            { resourceName: budget.resourceName, field: 'amountMicros', value: micros, was: budget.amountMicros },
            budget.id,
          );
    }
    case 'status': {
      const status = change.status === 'active' ? 'ENABLED' : 'PAUSED';
      return view.info.status === change.status
        ? null
        : single(
            'campaigns',
            `campaign ${id} status ${status}`,
            { resourceName: view.resourceName, field: 'status', value: status, was: view.campaignStatus },
            id,
          );
    }
    case 'creative': {
      const ads = view.ads.filter((a) => a.ad.id === change.creativeId);
      if (ads.length === 0) throw new PlatformError('NOT_FOUND', `${id}: no ad "${change.creativeId}" that is not removed`);
      const status = change.enabled ? 'ENABLED' : 'PAUSED';
      const writes = ads
        .filter((a) => a.status !== status)
        .map((a): FieldWrite => ({ resourceName: a.resourceName, field: 'status', value: status, was: a.status }));
      return writes.length === 0 ? null : { service: 'adGroupAds', what: `ad ${change.creativeId} status ${status}`, writes, scopeId: id };
    }
    case 'targeting': {
      // An ad group serves through its keywords: pausing them all turns the audience off with the mutate services the adapter writes through.
      const criteria = view.criteria.filter((c) => adGroupOfCriterion(c.resourceName) === change.audienceId);
      if (criteria.length === 0)
        throw new PlatformError('NOT_FOUND', `${id}: ad group ${change.audienceId} has no keyword (positive criterion) to turn on or off`);
      const status = change.enabled ? 'ENABLED' : 'PAUSED';
      const writes = criteria
        .filter((c) => c.status !== status)
        .map((c): FieldWrite => ({ resourceName: c.resourceName, field: 'status', value: status, was: c.status }));
      return writes.length === 0 ? null : { service: 'adGroupCriteria', what: `ad group ${change.audienceId} keywords status ${status}`, writes, scopeId: id };
    }
    case 'bid': {
      if (view.automatedBidding)
        throw new PlatformError(
          'INVALID_CHANGE',
          `${id}: the campaign bids automatically (${view.automatedBidding}): Google sets its bids, so there is no CPC bid to change`,
        );
      if (change.bid.strategy !== 'max_cpc')
        throw new PlatformError('INVALID_CHANGE', `${id}: moving a campaign to automated bidding is done in Google Ads, not by the adapter`);
      if (!(change.bid.amount > 0)) throw new PlatformError('INVALID_CHANGE', `${id}: a CPC bid must be above 0, got ${change.bid.amount}`);
      if (view.criteria.length === 0) throw new PlatformError('INVALID_CHANGE', `${id}: no ad group criterion carries a CPC bid to change`);
      const micros = toMicros(change.bid.amount, context.currency);
      const writes = view.criteria
        .filter((c) => c.cpcBidMicros !== micros)
        .map((c): FieldWrite => ({ resourceName: c.resourceName, field: 'cpcBidMicros', value: micros, was: c.cpcBidMicros }));
      return writes.length === 0 ? null : { service: 'adGroupCriteria', what: `campaign ${id} CPC bids`, writes, scopeId: id };
    }
  }
}

function single(service: MutateService, what: string, write: FieldWrite, scopeId: string): Mutation {
  return { service, what, writes: [write], scopeId };
}

/** A shared budget moves every campaign on it: only a caller who manages all of them may move it. */
function refuseUnmanagedSharers(campaignId: string, budgetName: string, context: PlanContext): void {
  const others = (context.sharers ?? []).filter((s) => !context.managed?.has(s.id));
  if (others.length === 0 && context.managed?.has(campaignId) !== false) return;
  const named = others.map((s) => `${s.name} (${s.id})`).join(', ');
  throw new PlatformError(
    'POLICY_REJECTED',
    `${campaignId}: ${budgetName} is shared with ${named || 'campaigns the caller does not manage'}; it changes only when every campaign on it is managed by the same agents`,
  );
}
