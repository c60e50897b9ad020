import { FakeGraphError } from './fake-errors';
import { fakeId } from './fake-ids';
import type { FakeAccount, FakeCampaign } from './fake-account';
import type { FieldRequest } from './fake-params';

/** A Graph API datetime in the account's zone: 2026-01-05T09:30:00+0100. */
export function metaTime(account: FakeAccount, ms: number): string {
  return account.zone.isoLocal(ms).replace(/([+-]\d{2}):(\d{2})$/, '$1$2');
}

/** A field's value on a node; an object field gets the fields asked of it (`creative{id,name}`). */
type Getter<T> = (account: FakeAccount, node: T, sub?: FieldRequest[]) => unknown;
type Registry<T> = Record<string, Getter<T>>;

export interface AdSetNode {
  campaign: FakeCampaign;
  audience: number;
}

export interface AdNode extends AdSetNode {
  creative: number;
}

export interface CreativeNode {
  campaign: FakeCampaign;
  creative: number;
}

const created = (account: FakeAccount) => metaTime(account, account.world.startMs);
const updated = (account: FakeAccount, id: string) => metaTime(account, account.updatedAt.get(id) ?? account.world.startMs);

export const ACCOUNT_FIELDS: Registry<FakeAccount> = {
  id: (a) => a.id,
  account_id: (a) => a.accountNumber,
  name: (a) => a.name,
  currency: (a) => a.currency,
  timezone_name: (a) => a.zone.id,
  timezone_offset_hours_utc: (a) => a.zone.offsetMs(a.now()) / 3_600_000,
  account_status: (a) => a.accountStatus,
  min_daily_budget: (a) => a.unit,
  created_time: (a) => created(a),
  user_tasks: (a) => a.userTasks,
};

export const CAMPAIGN_FIELDS: Registry<FakeCampaign> = {
  id: (_, c) => c.id,
  account_id: (a) => a.accountNumber,
  name: (_, c) => c.state.spec.name,
  status: (a, c) => a.campaignStatus(c),
  configured_status: (a, c) => a.campaignStatus(c),
  effective_status: (a, c) => a.campaignStatus(c),
  daily_budget: (a, c) => (c.level === 'campaign' ? String(a.campaignBudgetMinor(c)) : undefined),
  lifetime_budget: () => undefined,
  bid_strategy: (_, c) => (c.level === 'campaign' ? c.bidStrategy : undefined),
  buying_type: () => 'AUCTION',
  objective: () => 'OUTCOME_SALES',
  adlabels: (_, c) => (c.state.spec.labels.length > 0 ? c.state.spec.labels.map((name, i) => ({ id: fakeId('label', c.index, -1, i), name })) : undefined),
  created_time: (a) => created(a),
  start_time: (a) => created(a),
  updated_time: (a, c) => updated(a, c.id),
};

export const AD_SET_FIELDS: Registry<AdSetNode> = {
  id: (_, n) => fakeId('adset', n.campaign.index, n.audience),
  account_id: (a) => a.accountNumber,
  campaign_id: (_, n) => n.campaign.id,
  name: (_, n) => n.campaign.state.audiences[n.audience].name,
  status: (a, n) => a.adSetStatus(n.campaign, n.audience),
  configured_status: (a, n) => a.adSetStatus(n.campaign, n.audience),
  effective_status: (a, n) => {
    const own = a.adSetStatus(n.campaign, n.audience);
    return own === 'ACTIVE' && a.campaignStatus(n.campaign) !== 'ACTIVE' ? 'CAMPAIGN_PAUSED' : own;
  },
  daily_budget: (_, n) => (n.campaign.level === 'adset' ? String(n.campaign.adSetBudgets[n.audience]) : undefined),
  lifetime_budget: () => undefined,
  bid_amount: (_, n) => n.campaign.bidAmount,
  bid_strategy: (_, n) => n.campaign.bidStrategy,
  billing_event: () => 'IMPRESSIONS',
  optimization_goal: () => 'OFFSITE_CONVERSIONS',
  learning_stage_info: (a, n) => {
    const learning = a.learning(n.campaign, n.audience);
    return {
      status: learning.status,
      conversions: learning.conversions,
      last_sig_edit_ts: Math.floor(learning.lastEditMs / 1000),
      attribution_windows: ['7d_click', '1d_view'],
    };
  },
  created_time: (a) => created(a),
  start_time: (a) => created(a),
  updated_time: (a, n) => updated(a, fakeId('adset', n.campaign.index, n.audience)),
};

export const AD_FIELDS: Registry<AdNode> = {
  id: (_, n) => fakeId('ad', n.campaign.index, n.audience, n.creative),
  account_id: (a) => a.accountNumber,
  campaign_id: (_, n) => n.campaign.id,
  adset_id: (_, n) => fakeId('adset', n.campaign.index, n.audience),
  name: (_, n) => `${n.campaign.state.creatives[n.creative].name} / ${n.campaign.state.audiences[n.audience].name}`,
  status: (a, n) => a.adStatus(n.campaign, n.audience, n.creative),
  configured_status: (a, n) => a.adStatus(n.campaign, n.audience, n.creative),
  effective_status: (a, n) => {
    const own = a.adStatus(n.campaign, n.audience, n.creative);
    if (own !== 'ACTIVE') return own;
    if (a.campaignStatus(n.campaign) !== 'ACTIVE') return 'CAMPAIGN_PAUSED';
    return a.adSetStatus(n.campaign, n.audience) === 'ACTIVE' ? 'ACTIVE' : 'ADSET_PAUSED';
  },
  creative: (a, n, sub) => render(a, { campaign: n.campaign, creative: n.creative }, sub ?? [{ name: 'id' }], CREATIVE_FIELDS, 'AdCreative'),
  created_time: (a, n) => metaTime(a, n.campaign.state.creatives[n.creative].liveSince ?? a.world.startMs),
  updated_time: (a, n) => updated(a, fakeId('ad', n.campaign.index, n.audience, n.creative)),
};

export const CREATIVE_FIELDS: Registry<CreativeNode> = {
  id: (_, n) => fakeId('creative', n.campaign.index, -1, n.creative),
  account_id: (a) => a.accountNumber,
  name: (_, n) => n.campaign.state.creatives[n.creative].name,
  status: () => 'ACTIVE',
};

/**
 * An object with the fields asked for and `id`, as the Graph API answers: a field without a
 * value (a budget the object does not hold) is left out; a field the node does not have is an
 * error, as it is on Meta.
 */
export function render<T>(account: FakeAccount, node: T, fields: FieldRequest[], registry: Registry<T>, nodeType: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const getter = registry[field.name];
    if (!getter) throw new FakeGraphError(100, `(#100) Tried accessing nonexisting field (${field.name}) on node type (${nodeType})`);
    const value = getter(account, node, field.sub);
    if (value === undefined) continue;
    out[field.name] = field.sub && value && typeof value === 'object' && !Array.isArray(value) ? pick(value as Record<string, unknown>, field.sub) : value;
  }
  if (!('id' in out) && registry.id) out.id = registry.id(account, node);
  return out;
}

function pick(value: Record<string, unknown>, fields: FieldRequest[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (value[f.name] !== undefined) out[f.name] = value[f.name];
  if (value.id !== undefined) out.id = value.id;
  return out;
}
