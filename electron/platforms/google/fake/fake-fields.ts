import type { FakeBudget, FakeCampaign, FakeChange, FakeGoogleCustomer, FakeLabel } from './fake-customer';
import type { Totals } from './fake-metrics';

/** A customer as `customer` and `customer_client` rows show it: the served account, or its manager. */
export interface FakeAccountView {
  id: string;
  name: string;
  manager: boolean;
  /** For customer_client rows: 0 for the account itself, 1 for a client of a manager. */
  level?: number;
}

/** Everything one row can show: the objects it is about, its segment and its metrics. */
export interface RowContext {
  customer: FakeGoogleCustomer;
  account: FakeAccountView;
  client?: FakeAccountView;
  budget?: FakeBudget;
  campaign?: FakeCampaign;
  audience?: number;
  creative?: number;
  change?: FakeChange;
  label?: FakeLabel;
  date?: string;
  hour?: number;
  totals?: Totals;
}

/** The field's proto type, as REST JSON writes it (int64 as a string, enums by name); messages cannot be filtered or sorted on. */
export type FieldKind = 'int64' | 'int32' | 'double' | 'string' | 'bool' | 'enum' | 'message' | 'fieldmask';

interface FieldDef {
  kind: FieldKind;
  get(ctx: RowContext): unknown;
}

const MICROS = 1_000_000;
const int64 = (n: number | undefined) => (n === undefined ? undefined : String(Math.round(n)));
const f = (kind: FieldKind, get: (ctx: RowContext) => unknown): FieldDef => ({ kind, get });

function adGroupName(ctx: RowContext): string | undefined {
  const c = ctx.campaign;
  return c && ctx.audience !== undefined ? `${c.state.spec.name} / ${c.state.audiences[ctx.audience].name}` : undefined;
}

function adGroupResource(ctx: RowContext): string | undefined {
  const c = ctx.campaign;
  return c && ctx.audience !== undefined ? ctx.customer.resourceName('adGroups', ctx.customer.adGroupId(c, ctx.audience)) : undefined;
}

function campaignResource(ctx: RowContext): string | undefined {
  return ctx.campaign ? ctx.customer.resourceName('campaigns', ctx.campaign.id) : undefined;
}

function enabled(on: boolean | undefined): string | undefined {
  return on === undefined ? undefined : on ? 'ENABLED' : 'PAUSED';
}

/** The change's local time as Google writes it: "2026-12-04 09:30:00.000000" in the account's zone. */
function changeTime(ctx: RowContext, at: number): string {
  const iso = ctx.customer.zone.isoLocal(at);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String((at % 1000) * 1000).padStart(6, '0')}`;
}

/** The fields the fake serves, by their GAQL name; a field outside this table is refused as Google refuses an unknown one. */
export const FIELDS: Record<string, FieldDef> = {
  'customer.resource_name': f('string', (x) => `customers/${x.account.id}`),
  'customer.id': f('int64', (x) => x.account.id),
  'customer.descriptive_name': f('string', (x) => x.account.name),
  'customer.currency_code': f('string', (x) => x.customer.currency),
  'customer.time_zone': f('string', (x) => x.customer.zone.id),
  'customer.manager': f('bool', (x) => x.account.manager),
  'customer.test_account': f('bool', () => true),
  'customer.status': f('enum', () => 'ENABLED'),

  'customer_client.resource_name': f('string', (x) => x.client && `customers/${x.account.id}/customerClients/${x.client.id}`),
  'customer_client.client_customer': f('string', (x) => x.client && `customers/${x.client.id}`),
  'customer_client.id': f('int64', (x) => x.client?.id),
  'customer_client.descriptive_name': f('string', (x) => x.client?.name),
  'customer_client.level': f('int64', (x) => int64(x.client?.level)),
  'customer_client.manager': f('bool', (x) => x.client?.manager),
  'customer_client.hidden': f('bool', (x) => (x.client ? false : undefined)),
  'customer_client.test_account': f('bool', (x) => (x.client ? true : undefined)),
  'customer_client.currency_code': f('string', (x) => x.client && x.customer.currency),
  'customer_client.time_zone': f('string', (x) => x.client && x.customer.zone.id),
  'customer_client.status': f('enum', (x) => x.client && 'ENABLED'),

  'campaign_budget.resource_name': f('string', (x) => x.budget && x.customer.resourceName('campaignBudgets', x.budget.id)),
  'campaign_budget.id': f('int64', (x) => x.budget?.id),
  'campaign_budget.name': f('string', (x) => x.budget?.name),
  'campaign_budget.amount_micros': f('int64', (x) => x.budget && int64(x.customer.budgetMicros(x.budget))),
  'campaign_budget.explicitly_shared': f('bool', (x) => x.budget?.explicitlyShared),
  'campaign_budget.reference_count': f('int64', (x) => x.budget && int64(x.budget.campaigns.length)),
  'campaign_budget.period': f('enum', (x) => x.budget && 'DAILY'),
  'campaign_budget.status': f('enum', (x) => x.budget && 'ENABLED'),
  'campaign_budget.delivery_method': f('enum', (x) => x.budget && 'STANDARD'),

  'campaign.resource_name': f('string', campaignResource),
  'campaign.id': f('int64', (x) => x.campaign?.id),
  'campaign.name': f('string', (x) => x.campaign?.state.spec.name),
  'campaign.status': f('enum', (x) => x.campaign && enabled(x.campaign.state.status === 'active')),
  'campaign.campaign_budget': f('string', (x) => x.campaign && x.customer.resourceName('campaignBudgets', x.campaign.budget.id)),
  'campaign.bidding_strategy_type': f('enum', (x) => x.campaign?.bidding),
  'campaign.advertising_channel_type': f('enum', (x) => x.campaign && 'SEARCH'),
  'campaign.labels': f('message', (x) => x.campaign && x.customer.campaignLabels(x.campaign)),

  'label.resource_name': f('string', (x) => x.label && x.customer.resourceName('labels', x.label.id)),
  'label.id': f('int64', (x) => x.label?.id),
  'label.name': f('string', (x) => x.label?.name),
  'label.status': f('enum', (x) => x.label && 'ENABLED'),

  'ad_group.resource_name': f('string', adGroupResource),
  'ad_group.id': f('int64', (x) => x.campaign && x.audience !== undefined && x.customer.adGroupId(x.campaign, x.audience)),
  'ad_group.name': f('string', adGroupName),
  'ad_group.status': f('enum', (x) => x.audience !== undefined && enabled(x.campaign?.state.audiences[x.audience].enabled)),
  'ad_group.campaign': f('string', (x) => (x.audience !== undefined ? campaignResource(x) : undefined)),
  'ad_group.type': f('enum', (x) => x.audience !== undefined && 'SEARCH_STANDARD'),

  'ad_group_criterion.resource_name': f(
    'string',
    (x) =>
      x.campaign &&
      x.audience !== undefined &&
      x.customer.resourceName('adGroupCriteria', `${x.customer.adGroupId(x.campaign, x.audience)}~${x.customer.criterionId(x.audience)}`),
  ),
  'ad_group_criterion.criterion_id': f('int64', (x) => x.audience !== undefined && x.customer.criterionId(x.audience)),
  'ad_group_criterion.ad_group': f('string', adGroupResource),
  'ad_group_criterion.status': f('enum', (x) => x.audience !== undefined && enabled(x.campaign?.state.audiences[x.audience].enabled)),
  'ad_group_criterion.type': f('enum', (x) => x.audience !== undefined && 'KEYWORD'),
  'ad_group_criterion.negative': f('bool', (x) => (x.audience !== undefined ? false : undefined)),
  'ad_group_criterion.keyword.text': f('string', (x) => x.audience !== undefined && x.campaign?.state.audiences[x.audience].name),
  'ad_group_criterion.keyword.match_type': f('enum', (x) => x.audience !== undefined && 'BROAD'),
  'ad_group_criterion.cpc_bid_micros': f('int64', (x) => x.audience !== undefined && int64(manualBid(x))),
  'ad_group_criterion.effective_cpc_bid_micros': f('int64', (x) => x.audience !== undefined && int64(manualBid(x))),

  'ad_group_ad.resource_name': f(
    'string',
    (x) =>
      x.campaign &&
      x.audience !== undefined &&
      x.creative !== undefined &&
      x.customer.resourceName('adGroupAds', `${x.customer.adGroupId(x.campaign, x.audience)}~${x.customer.adId(x.campaign, x.creative)}`),
  ),
  'ad_group_ad.status': f('enum', (x) => x.creative !== undefined && enabled(x.campaign?.state.creatives[x.creative].enabled)),
  'ad_group_ad.ad_group': f('string', (x) => (x.creative !== undefined ? adGroupResource(x) : undefined)),
  'ad_group_ad.ad.id': f('int64', (x) => x.campaign && x.creative !== undefined && x.customer.adId(x.campaign, x.creative)),
  'ad_group_ad.ad.name': f('string', (x) => x.creative !== undefined && x.campaign?.state.creatives[x.creative].name),
  'ad_group_ad.ad.type': f('enum', (x) => x.creative !== undefined && 'RESPONSIVE_SEARCH_AD'),

  'change_event.resource_name': f(
    'string',
    (x) => x.change && x.customer.resourceName('changeEvents', `${x.change.at * 1000}~${x.customer.changes.indexOf(x.change)}~0`),
  ),
  'change_event.change_date_time': f('string', (x) => x.change && changeTime(x, x.change.at)),
  'change_event.change_resource_type': f('enum', (x) => x.change?.resourceType),
  'change_event.change_resource_name': f('string', (x) => x.change?.resourceName),
  'change_event.client_type': f('enum', (x) => x.change && 'GOOGLE_ADS_API'),
  'change_event.user_email': f('string', (x) => x.change && 'acm-fake@example.com'),
  'change_event.resource_change_operation': f('enum', (x) => x.change && 'UPDATE'),
  'change_event.changed_fields': f('fieldmask', (x) => x.change?.changedFields.join(',')),
  'change_event.old_resource': f('message', (x) => x.change?.oldResource),
  'change_event.new_resource': f('message', (x) => x.change?.newResource),
  'change_event.campaign': f('string', (x) => x.change && campaignResource(x)),
  'change_event.ad_group': f('string', (x) => x.change && adGroupResource(x)),

  'segments.date': f('string', (x) => x.date),
  'segments.hour': f('int32', (x) => x.hour),

  'metrics.cost_micros': f('int64', (x) => x.totals && int64(x.totals.spend * MICROS)),
  'metrics.clicks': f('int64', (x) => x.totals && int64(x.totals.clicks)),
  'metrics.impressions': f('int64', (x) => x.totals && int64(x.totals.impressions)),
  'metrics.conversions': f('double', (x) => x.totals && round6(x.totals.conversions)),
  'metrics.conversions_value': f('double', (x) => x.totals && round6(x.totals.revenue)),
  'metrics.ctr': f('double', (x) => x.totals && (x.totals.impressions > 0 ? round6(Math.round(x.totals.clicks) / x.totals.impressions) : 0)),
  'metrics.average_cpc': f('double', (x) => x.totals && (x.totals.clicks >= 0.5 ? Math.round((x.totals.spend * MICROS) / Math.round(x.totals.clicks)) : 0)),
};

/** A keyword's CPC bid, when its campaign bids manually and the bid is known. */
function manualBid(ctx: RowContext): number | undefined {
  const c = ctx.campaign;
  return c && c.bidding === 'MANUAL_CPC' && ctx.audience !== undefined ? c.keywordBids[ctx.audience] : undefined;
}

function round6(n: number): number {
  return Number(n.toFixed(6));
}

/** A field's value in a row, undefined when the row has none (false from a getter's guard counts as none). */
export function fieldValue(name: string, ctx: RowContext): unknown {
  const value = FIELDS[name].get(ctx);
  return value === false && FIELDS[name].kind !== 'bool' ? undefined : value;
}

/** A GAQL field path in REST JSON's lowerCamelCase: ad_group_ad.ad.final_urls → adGroupAd.ad.finalUrls. */
export function camelPath(field: string): string {
  return field
    .split('.')
    .map((part) => part.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()))
    .join('.');
}

/** Fields of a row as REST JSON: nested objects by resource, lowerCamelCase names, absent values left out. */
export function project(fields: string[], ctx: RowContext): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fieldValue(field, ctx);
    if (value === undefined) continue;
    const path = camelPath(field).split('.');
    let node = row;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = value;
  }
  return row;
}

/** Every field the fake serves of one resource (`campaign_budget`), as the resource's REST JSON object. */
export function resourceJson(resource: string, ctx: RowContext): Record<string, unknown> {
  const fields = Object.keys(FIELDS).filter((f) => f.startsWith(`${resource}.`));
  return project(fields, ctx)[camelPath(resource)] as Record<string, unknown>;
}
