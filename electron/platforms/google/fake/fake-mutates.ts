import { minorUnits } from '@shared/money';
import type { FakeBudget, FakeCampaign, FakeChange, FakeGoogleCustomer } from './fake-customer';
import { adsError, FAILURE_TYPE, FakeGoogleAdsError, operationLocation, RPC_INVALID_ARGUMENT, type FakeAdsErrorEntry } from './fake-errors';
import { camelPath, resourceJson, type RowContext } from './fake-fields';

/** The four mutate services the fake serves, by the collection in their route (`campaignBudgets:mutate`). */
export const MUTATE_SERVICES = {
  campaignBudgets: { resource: 'campaign_budget', fields: ['amount_micros'], type: 'CAMPAIGN_BUDGET' },
  campaigns: { resource: 'campaign', fields: ['status'], type: 'CAMPAIGN' },
  adGroupCriteria: { resource: 'ad_group_criterion', fields: ['cpc_bid_micros', 'status'], type: 'AD_GROUP_CRITERION' },
  adGroupAds: { resource: 'ad_group_ad', fields: ['status'], type: 'AD_GROUP_AD' },
} as const;

export type MutateCollection = keyof typeof MUTATE_SERVICES;

export interface MutateRequest {
  operations?: unknown;
  partialFailure?: boolean;
  validateOnly?: boolean;
  responseContentType?: string;
}

/** One checked operation: the row it changes and how, ready to apply. */
interface Planned {
  ctx: RowContext;
  resourceName: string;
  mask: string[];
  apply: () => void;
}

class OperationError extends Error {
  constructor(readonly entry: Omit<FakeAdsErrorEntry, 'location'>) {
    super(entry.message);
  }
}

const refuse = (kind: string, name: string, message: string) => new OperationError({ errorCode: { [kind]: name }, message });

/**
 * A `:mutate` of one of the four services, as Google answers it: every operation is checked
 * first; without `partialFailure` one refusal fails the whole request and nothing changes; with
 * it, the good operations apply and the refusals come back in `partialFailureError`, pointing at
 * their operation. `validateOnly` checks and changes nothing. MUTABLE_RESOURCE returns each
 * changed resource as it now is.
 */
export function mutate(customer: FakeGoogleCustomer, collection: MutateCollection, request: MutateRequest, requestId: string): Record<string, unknown> {
  const service = MUTATE_SERVICES[collection];
  const operations = request.operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw adsError(400, 'requestError', 'OPERATION_REQUIRED', 'At least one operation is required.');
  }
  const contentType = request.responseContentType ?? 'RESOURCE_NAME_ONLY';
  if (contentType !== 'RESOURCE_NAME_ONLY' && contentType !== 'MUTABLE_RESOURCE') {
    throw adsError(400, 'requestError', 'INVALID_ENUM_VALUE', `responseContentType must be RESOURCE_NAME_ONLY or MUTABLE_RESOURCE, got ${contentType}.`);
  }
  const errors: FakeAdsErrorEntry[] = [];
  const planned = operations.map((op: unknown, index) => {
    try {
      return plan(customer, collection, op);
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      errors.push({ ...error.entry, location: operationLocation(index) });
      return undefined;
    }
  });
  if (errors.length > 0 && !request.partialFailure) throw new FakeGoogleAdsError(400, errors);
  const answer: Record<string, unknown> = {};
  if (errors.length > 0) {
    answer.partialFailureError = {
      code: RPC_INVALID_ARGUMENT,
      message: errors.map((e) => e.message).join(', '),
      details: [{ '@type': FAILURE_TYPE, errors, requestId }],
    };
  }
  if (request.validateOnly) return answer;
  answer.results = planned.map((p) => {
    if (!p) return {};
    const old = resourceJson(service.resource, p.ctx);
    p.apply();
    const now = resourceJson(service.resource, p.ctx);
    customer.record(changeOf(collection, p, old, now));
    const result: Record<string, unknown> = { resourceName: p.resourceName };
    if (contentType === 'MUTABLE_RESOURCE') result[camelPath(service.resource)] = now;
    return result;
  });
  return answer;
}

function changeOf(collection: MutateCollection, p: Planned, old: Record<string, unknown>, now: Record<string, unknown>): Omit<FakeChange, 'at'> {
  const service = MUTATE_SERVICES[collection];
  const key = camelPath(service.resource);
  const pick = (o: Record<string, unknown>) => ({ [key]: Object.fromEntries(p.mask.map((m) => [m, o[m]])) });
  return {
    resourceType: service.type,
    resourceName: p.resourceName,
    changedFields: p.mask,
    oldResource: pick(old),
    newResource: pick(now),
    campaign: p.ctx.campaign,
    adGroup: p.ctx.audience,
  };
}

function plan(customer: FakeGoogleCustomer, collection: MutateCollection, op: unknown): Planned {
  const operation = (op ?? {}) as Record<string, unknown>;
  if (operation.create !== undefined || operation.remove !== undefined) {
    throw refuse('mutateError', 'MUTATE_NOT_ALLOWED', 'The fake takes update operations only.');
  }
  const update = operation.update as Record<string, unknown> | undefined;
  if (!update || typeof update !== 'object') throw refuse('requestError', 'OPERATION_REQUIRED', 'The operation has no update.');
  const resourceName = update.resourceName;
  if (typeof resourceName !== 'string' || resourceName === '') throw refuse('requestError', 'RESOURCE_NAME_MISSING', 'The update has no resourceName.');
  const prefix = `customers/${customer.customerId}/${collection}/`;
  if (!resourceName.startsWith(prefix)) throw refuse('requestError', 'RESOURCE_NAME_MALFORMED', `Malformed resource name: '${resourceName}'.`);
  const mask =
    typeof operation.updateMask === 'string'
      ? operation.updateMask
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean)
      : [];
  if (mask.length === 0) throw refuse('fieldMaskError', 'FIELD_MASK_MISSING', 'The update mask is missing.');
  const allowed: readonly string[] = MUTATE_SERVICES[collection].fields.map(camelPath);
  for (const m of mask) {
    if (!allowed.includes(m)) throw refuse('fieldMaskError', 'FIELD_NOT_FOUND', `The fake does not update '${m}' here; it updates ${allowed.join(', ')}.`);
  }
  const ctx = target(customer, collection, resourceName.slice(prefix.length));
  if (!ctx) throw refuse('mutateError', 'RESOURCE_NOT_FOUND', `Resource was not found: '${resourceName}'.`);
  const steps = mask.map((m) => step(customer, collection, ctx, m, update[m]));
  return { ctx, resourceName, mask, apply: () => steps.forEach((s) => s()) };
}

/** The row a resource name points at (`{budgetId}`, `{campaignId}`, `{adGroupId}~{criterionId}`, `{adGroupId}~{adId}`). */
function target(customer: FakeGoogleCustomer, collection: MutateCollection, id: string): RowContext | undefined {
  const base: RowContext = { customer, account: { id: customer.customerId, name: customer.name, manager: false } };
  if (collection === 'campaignBudgets') {
    const budget = customer.findBudget(id);
    return budget && { ...base, budget };
  }
  if (collection === 'campaigns') {
    const campaign = customer.findCampaign(id);
    return campaign && { ...base, campaign, budget: campaign.budget };
  }
  const [adGroupId, childId] = id.split('~');
  const group = childId === undefined ? undefined : customer.findAdGroup(adGroupId);
  if (!group) return undefined;
  const ctx: RowContext = { ...base, campaign: group.c, budget: group.c.budget, audience: group.audience };
  if (collection === 'adGroupCriteria') return childId === customer.criterionId(group.audience) ? ctx : undefined;
  const creative = group.c.state.creatives.findIndex((_, k) => customer.adId(group.c, k) === childId);
  return creative >= 0 ? { ...ctx, creative } : undefined;
}

/** Checks one masked field's new value and returns what applies it. */
function step(customer: FakeGoogleCustomer, collection: MutateCollection, ctx: RowContext, field: string, value: unknown): () => void {
  if (field === 'status') {
    if (value !== 'ENABLED' && value !== 'PAUSED') {
      throw refuse('fieldError', 'INVALID_VALUE', `The fake sets status to ENABLED or PAUSED, not ${JSON.stringify(value)}.`);
    }
    const on = value === 'ENABLED';
    const c = ctx.campaign as FakeCampaign;
    if (collection === 'campaigns') return () => void (c.state.status = on ? 'active' : 'paused');
    if (collection === 'adGroupCriteria') return () => void (c.state.audiences[ctx.audience as number].enabled = on);
    return () => {
      // The world has one switch per creative: the ad in every ad group follows.
      const creative = c.state.creatives[ctx.creative as number];
      creative.enabled = on;
      if (on && creative.liveSince === null) creative.liveSince = customer.now();
    };
  }
  const micros = moneyMicros(customer, value, collection === 'campaignBudgets');
  if (collection === 'campaignBudgets') return () => customer.setBudgetMicros(ctx.budget as FakeBudget, micros);
  const c = ctx.campaign as FakeCampaign;
  if (c.bidding !== 'MANUAL_CPC') {
    throw refuse('adGroupCriterionError', 'BID_INCOMPATIBLE_WITH_ADGROUP', `The campaign bids with ${c.bidding}: its keywords take no CPC bids.`);
  }
  return () => customer.setKeywordBid(c, ctx.audience as number, micros);
}

/** A money amount in micros (an int64, as a string or a number), a whole multiple of the currency's smallest unit. */
function moneyMicros(customer: FakeGoogleCustomer, value: unknown, budget: boolean): number {
  const micros = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  const kind = budget ? 'campaignBudgetError' : 'biddingError';
  if (!Number.isSafeInteger(micros)) throw refuse('fieldError', 'INVALID_VALUE', `An amount in micros must be an integer, got ${JSON.stringify(value)}.`);
  if (micros < 0) throw refuse(kind, budget ? 'NEGATIVE_MONEY_AMOUNT' : 'BID_TOO_SMALL', `The amount may not be negative, got ${micros}.`);
  const unit = 10 ** (6 - minorUnits(customer.currency));
  if (micros % unit !== 0) {
    throw refuse(
      kind,
      budget ? 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' : 'BID_TOO_MANY_FRACTIONAL_DIGITS',
      `The amount must be a multiple of ${unit} micros in ${customer.currency}, got ${micros}.`,
    );
  }
  if (micros < unit) throw refuse(kind, budget ? 'BUDGET_BELOW_PER_DAY_MINIMUM' : 'BID_TOO_SMALL', `The amount is below the minimum of ${unit} micros.`);
  return micros;
}
