import type { FakeAccount, FakeCampaign } from './fake-account';
import { invalidParameter, unsupported } from './fake-errors';
import { parseFakeId, type FakeRef } from './fake-ids';
import { forgetInsightPages, pagedInsightRows } from './fake-insight-pages';
import type { InsightsNode } from './fake-insights';
import { ACCOUNT_FIELDS, AD_FIELDS, AD_SET_FIELDS, CREATIVE_FIELDS, metaTime, render, type AdNode, type AdSetNode } from './fake-objects';
import { page } from './fake-paging';
import type { Params } from './fake-params';
import { applyUpdate } from './fake-updates';
import { CAMPAIGN_FIELDS } from './fake-objects';

/** What a route needs of the request beyond its parameters. */
export interface RouteContext {
  account: FakeAccount;
  params: Params;
  url: URL;
  bodyParams: Record<string, unknown>;
  /** Permissions the token was granted (ads_read, ads_management). */
  permissions: string[];
}

const SYSTEM_USER = { id: '100000000000100', name: 'ACM fake system user' };

/** Answers `GET` and `POST` on the paths the Meta adapter uses, for the one ad account of the fake. */
export function route(method: string, segments: string[], ctx: RouteContext): unknown {
  const [head, edge, ...rest] = segments;
  if (head === undefined || rest.length > 0) throw unsupported(method, segments.join('/'));
  if (method === 'POST') {
    forgetInsightPages(ctx.account);
    const ref = parseFakeId(head);
    if (!ref || edge !== undefined) throw unsupported(method, head);
    return applyUpdate(ctx.account, ref, head, ctx.params);
  }
  if (head === 'me') return me(edge, ctx);
  if (head === ctx.account.id) return accountEdge(edge, ctx);
  const ref = parseFakeId(head);
  if (!ref) throw unsupported(method, head);
  return objectEdge(ref, head, edge, ctx);
}

function me(edge: string | undefined, ctx: RouteContext): unknown {
  const { params, account } = ctx;
  if (edge === undefined) return pickFields({ ...SYSTEM_USER }, params);
  if (edge === 'adaccounts') return list([render(account, account, params.fields(['id']), ACCOUNT_FIELDS, 'AdAccount')], ctx);
  if (edge === 'permissions')
    return list(
      ctx.permissions.map((permission) => ({ permission, status: 'granted' })),
      ctx,
    );
  throw unsupported('GET', `me/${edge}`);
}

function accountEdge(edge: string | undefined, ctx: RouteContext): unknown {
  const { account, params } = ctx;
  if (edge === undefined) return render(account, account, params.fields(['id']), ACCOUNT_FIELDS, 'AdAccount');
  switch (edge) {
    case 'campaigns':
      return list(renderCampaigns(account.campaigns, ctx), ctx);
    case 'adsets':
      return list(renderAdSets(account.campaigns, ctx), ctx);
    case 'ads':
      return list(renderAds(account.campaigns, ctx), ctx);
    case 'adcreatives':
      return list(
        account.campaigns.flatMap((campaign) =>
          campaign.state.creatives.map((_, creative) => render(account, { campaign, creative }, params.fields(['id']), CREATIVE_FIELDS, 'AdCreative')),
        ),
        ctx,
      );
    case 'insights':
      return list(pagedInsightRows(ctx, {}), ctx);
    case 'minimum_budgets':
      return list([minimumBudgets(account)], ctx);
    case 'activities':
      return list(activities(ctx), ctx);
    default:
      throw unsupported('GET', `${account.id}/${edge}`);
  }
}

function objectEdge(ref: FakeRef, id: string, edge: string | undefined, ctx: RouteContext): unknown {
  const { account, params } = ctx;
  const c = account.campaigns[ref.campaign];
  const audienceOk = ref.kind === 'campaign' || ref.kind === 'creative' || c?.state.audiences[ref.audience] !== undefined;
  const creativeOk = ref.kind !== 'ad' && ref.kind !== 'creative' ? true : c?.state.creatives[ref.creative] !== undefined;
  if (!c || !audienceOk || !creativeOk || ref.kind === 'label' || account.retired.get(id) === 'DELETED') throw unsupported('GET', id);
  const node: InsightsNode = { campaign: c.index };
  if (ref.kind === 'adset' || ref.kind === 'ad') node.audience = ref.audience;
  if (ref.kind === 'ad') node.creative = ref.creative;
  if (edge === 'insights' && ref.kind !== 'creative') return list(pagedInsightRows(ctx, node), ctx);
  if (ref.kind === 'campaign') {
    if (edge === undefined) return render(account, c, params.fields(['id']), CAMPAIGN_FIELDS, 'Campaign');
    if (edge === 'adsets') return list(renderAdSets([c], ctx), ctx);
    if (edge === 'ads') return list(renderAds([c], ctx), ctx);
  }
  if (ref.kind === 'adset') {
    if (edge === undefined) return render(account, { campaign: c, audience: ref.audience }, params.fields(['id']), AD_SET_FIELDS, 'AdSet');
    if (edge === 'ads') return list(renderAds([c], ctx, ref.audience), ctx);
  }
  if (ref.kind === 'ad' && edge === undefined)
    return render(account, { campaign: c, audience: ref.audience, creative: ref.creative }, params.fields(['id']), AD_FIELDS, 'Ad');
  if (ref.kind === 'creative' && edge === undefined)
    return render(account, { campaign: c, creative: ref.creative }, params.fields(['id']), CREATIVE_FIELDS, 'AdCreative');
  throw unsupported('GET', edge === undefined ? id : `${id}/${edge}`);
}

/** Objects as an edge lists them: those with an effective status asked for, else all but archived and deleted ones, as Meta does. */
function listed(statuses: unknown[] | undefined, effective: string): boolean {
  if (statuses) return statuses.map(String).includes(effective);
  return effective !== 'ARCHIVED' && effective !== 'DELETED';
}

function renderCampaigns(campaigns: FakeCampaign[], ctx: RouteContext): Record<string, unknown>[] {
  const statuses = ctx.params.list('effective_status');
  return campaigns
    .filter((c) => listed(statuses, ctx.account.campaignStatus(c)))
    .map((c) => render(ctx.account, c, ctx.params.fields(['id']), CAMPAIGN_FIELDS, 'Campaign'));
}

function renderAdSets(campaigns: FakeCampaign[], ctx: RouteContext): Record<string, unknown>[] {
  const statuses = ctx.params.list('effective_status');
  const nodes: AdSetNode[] = campaigns.flatMap((campaign) => campaign.state.audiences.map((_, audience) => ({ campaign, audience })));
  return nodes
    .filter((n) => listed(statuses, AD_SET_FIELDS.effective_status(ctx.account, n) as string))
    .map((n) => render(ctx.account, n, ctx.params.fields(['id']), AD_SET_FIELDS, 'AdSet'));
}

function renderAds(campaigns: FakeCampaign[], ctx: RouteContext, audience?: number): Record<string, unknown>[] {
  const statuses = ctx.params.list('effective_status');
  const nodes: AdNode[] = campaigns.flatMap((campaign) =>
    campaign.state.audiences.flatMap((_, a) =>
      audience === undefined || audience === a ? campaign.state.creatives.map((__, creative) => ({ campaign, audience: a, creative })) : [],
    ),
  );
  return nodes
    .filter((n) => listed(statuses, AD_FIELDS.effective_status(ctx.account, n) as string))
    .map((n) => render(ctx.account, n, ctx.params.fields(['id']), AD_FIELDS, 'Ad'));
}

function minimumBudgets(account: FakeAccount): Record<string, unknown> {
  const unit = account.unit;
  return {
    currency: account.currency,
    min_daily_budget_imp: unit,
    min_daily_budget_video_views: 2 * unit,
    min_daily_budget_high_freq: 5 * unit,
    min_daily_budget_low_freq: 40 * unit,
  };
}

/** A datetime parameter: Unix seconds, or an ISO 8601 text. */
function instant(params: Params, name: string): number | undefined {
  const text = params.string(name);
  if (text === undefined) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw invalidParameter(`${name} must be a Unix time or an ISO 8601 datetime`);
  return ms;
}

function activities(ctx: RouteContext): Record<string, unknown>[] {
  const { account, params } = ctx;
  const since = instant(params, 'since') ?? -Infinity;
  const until = instant(params, 'until') ?? Infinity;
  const fields = params.fields(['event_type', 'event_time']).map((f) => f.name);
  return account.activities
    .filter((a) => a.at >= since && a.at <= until)
    .reverse()
    .map((a) => {
      const all: Record<string, unknown> = {
        actor_id: SYSTEM_USER.id,
        actor_name: SYSTEM_USER.name,
        application_id: '100000000000200',
        application_name: 'Agentic Campaign Manager',
        date_time_in_timezone: metaTime(account, a.at),
        event_time: metaTime(account, a.at),
        event_type: a.eventType,
        extra_data: JSON.stringify(a.extra),
        object_id: a.objectId,
        object_name: a.objectName,
        object_type: a.objectType,
        translated_event_type: a.eventType.replace(/_/g, ' '),
      };
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        if (!(f in all)) throw invalidParameter(`Tried accessing nonexisting field (${f}) on node type (AdActivity)`);
        out[f] = all[f];
      }
      return out;
    });
}

function pickFields(object: Record<string, unknown>, params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of params.fields(['id', 'name'])) if (object[f.name] !== undefined) out[f.name] = object[f.name];
  out.id = object.id;
  return out;
}

function list(items: unknown[], ctx: RouteContext): unknown {
  return page(items, ctx.params, ctx.url, ctx.bodyParams);
}
