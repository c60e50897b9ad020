import { amountText } from '@shared/money';
import { HOUR_MS } from '@shared/time';
import { CLICK_THROUGH_RATE } from '../../sandbox/formulas';
import { addDays, daysBetween } from '../calendar-dates';
import type { FakeAccount, FakeCampaign } from './fake-account';
import { invalidParameter } from './fake-errors';
import { fakeId } from './fake-ids';
import type { Params } from './fake-params';

const HOURLY = 'hourly_stats_aggregated_by_advertiser_time_zone';
const LEVELS = ['account', 'campaign', 'adset', 'ad'] as const;
type Level = (typeof LEVELS)[number];
/** The action types a purchase is reported under (pixel, all channels, and the plain one). */
const PURCHASE_TYPES = ['purchase', 'omni_purchase', 'offsite_conversion.fb_pixel_purchase'];
const CLICK_WINDOWS = new Set(['1d_click', '7d_click', '28d_click']);
const KNOWN_WINDOWS = new Set(['1d_click', '7d_click', '28d_click', '1d_view', '1d_ev', 'dda', 'default']);
/** Gone from insights since 2026-01-12 (../shared/platform-specs/README.md). */
const REMOVED_WINDOWS = new Set(['7d_view', '28d_view']);
const ID_FIELDS = ['account_id', 'account_name', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name'];
const METRIC_FIELDS = ['spend', 'impressions', 'clicks', 'cpc', 'ctr', 'cpm', 'actions', 'action_values', 'purchase_roas', 'date_start', 'date_stop'];

/** Where an insights request was made: the account, or one campaign, ad set or ad of it. */
export interface InsightsNode {
  campaign?: number;
  audience?: number;
  creative?: number;
}

/** One object of the level: its campaign, ad set and ad (as far as the level goes), and the ledger units it adds up, by campaign. */
interface Entity {
  c: FakeCampaign;
  audience?: number;
  creative?: number;
  units: { c: FakeCampaign; pairs: number[] }[];
}

interface Bucket {
  since: string;
  until: string;
  dates: string[];
  wallHour?: number;
}

/**
 * Insights rows from the world's hourly ledger, as Meta shapes them: a row per object of the
 * level, per period of `time_increment`, per hour of the advertiser's time zone when broken down
 * hourly; metrics as text, purchases under the usual action types (never in hourly rows, which
 * carry no off-Meta conversions); rows with nothing in them left out.
 */
export function insightRows(account: FakeAccount, node: InsightsNode, params: Params): Record<string, unknown>[] {
  const level = (params.string('level') ?? defaultLevel(node)) as Level;
  if (!LEVELS.includes(level)) throw invalidParameter(`level must be one of ${LEVELS.join(', ')}`);
  const breakdowns = (params.list('breakdowns') ?? []).map(String);
  for (const b of breakdowns) if (b !== HOURLY) throw invalidParameter(`breakdowns: the fake serves only ${HOURLY}, not ${b}`);
  const hourly = breakdowns.includes(HOURLY);
  const windows = (params.list('action_attribution_windows') ?? []).map(String);
  for (const w of windows) {
    if (REMOVED_WINDOWS.has(w)) throw invalidParameter(`action_attribution_windows: ${w} is no longer available`);
    if (!KNOWN_WINDOWS.has(w)) throw invalidParameter(`action_attribution_windows: unknown window ${w}`);
  }
  const fields = params.fields(['spend', 'impressions', 'date_start', 'date_stop']).map((f) => f.name);
  for (const f of fields) if (!ID_FIELDS.includes(f) && !METRIC_FIELDS.includes(f)) throw invalidParameter(`the fake does not serve the insights field ${f}`);
  const rows: Record<string, unknown>[] = [];
  const buckets = bucketsOf(account, params, hourly);
  const hours = hoursOfDates(account, buckets);
  for (const entity of entitiesOf(account, level, node, params)) {
    for (const bucket of buckets) {
      const totals = sum(hours, entity, bucket);
      if (totals.spend === 0 && totals.clicks === 0 && totals.conversions === 0) continue;
      rows.push(row(account, entity, bucket, totals, fields, windows, hourly));
    }
  }
  return rows;
}

function defaultLevel(node: InsightsNode): Level {
  if (node.creative !== undefined) return 'ad';
  if (node.audience !== undefined) return 'adset';
  return node.campaign !== undefined ? 'campaign' : 'account';
}

function entitiesOf(account: FakeAccount, level: Level, node: InsightsNode, params: Params): Entity[] {
  const filters = (params.list('filtering') ?? []).map((f) => f as { field?: string; operator?: string; value?: unknown });
  const all: Entity[] = [];
  for (const c of account.campaigns) {
    if (node.campaign !== undefined && node.campaign !== c.index) continue;
    const nA = c.state.audiences.length;
    const nC = c.state.creatives.length;
    const inNode = (a: number, k: number) => (node.audience === undefined || node.audience === a) && (node.creative === undefined || node.creative === k);
    const entity = (audience?: number, creative?: number): Entity => {
      const pairs: number[] = [];
      for (let a = 0; a < nA; a++) {
        for (let k = 0; k < nC; k++) if (inNode(a, k) && (audience ?? a) === a && (creative ?? k) === k) pairs.push(a * nC + k);
      }
      return { c, audience, creative, units: [{ c, pairs }] };
    };
    if (level === 'account' || level === 'campaign') all.push(entity());
    else if (level === 'adset') for (let a = 0; a < nA; a++) all.push(entity(a));
    else for (let a = 0; a < nA; a++) for (let k = 0; k < nC; k++) all.push(entity(a, k));
  }
  const kept = all.filter((e) => e.units[0].pairs.length > 0 && filters.every((f) => passes(e, f)));
  if (level !== 'account' || kept.length === 0) return kept;
  return [{ c: kept[0].c, units: kept.flatMap((e) => e.units) }];
}

function passes(entity: Entity, filter: { field?: string; operator?: string; value?: unknown }): boolean {
  const ids: Record<string, string | undefined> = {
    'campaign.id': entity.c.id,
    'adset.id': entity.audience === undefined ? undefined : fakeId('adset', entity.c.index, entity.audience),
    'ad.id': entity.creative === undefined ? undefined : fakeId('ad', entity.c.index, entity.audience as number, entity.creative),
  };
  if (!filter.field || !(filter.field in ids)) throw invalidParameter(`filtering: the fake filters on campaign.id, adset.id or ad.id, not ${filter.field}`);
  const id = ids[filter.field];
  const values = Array.isArray(filter.value) ? filter.value.map(String) : [String(filter.value)];
  switch (filter.operator) {
    case 'IN':
    case 'EQUAL':
      return id === undefined || values.includes(id);
    case 'NOT_IN':
    case 'NOT_EQUAL':
      return id === undefined || !values.includes(id);
    default:
      throw invalidParameter(`filtering: operator ${filter.operator} is not served by the fake`);
  }
}

function bucketsOf(account: FakeAccount, params: Params, hourly: boolean): Bucket[] {
  const { since, until } = rangeOf(account, params);
  const dates: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) dates.push(d);
  const increment = params.string('time_increment') ?? 'all_days';
  let periods: string[][];
  if (increment === 'all_days') periods = [dates];
  else if (/^\d+$/.test(increment) && Number(increment) >= 1 && Number(increment) <= 90) {
    const n = Number(increment);
    periods = [];
    for (let i = 0; i < dates.length; i += n) periods.push(dates.slice(i, i + n));
  } else throw invalidParameter(`time_increment must be 1 to 90 or all_days, got ${increment}`);
  const buckets: Bucket[] = [];
  for (const p of periods) {
    const base = { since: p[0], until: p[p.length - 1], dates: p };
    if (!hourly) buckets.push(base);
    else for (let h = 0; h < 24; h++) buckets.push({ ...base, wallHour: h });
  }
  return buckets;
}

function rangeOf(account: FakeAccount, params: Params): { since: string; until: string } {
  const zone = account.zone;
  const today = zone.date(account.now());
  const range = params.object('time_range');
  if (range) {
    const { since, until } = range as { since?: unknown; until?: unknown };
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (typeof since !== 'string' || typeof until !== 'string' || !date.test(since) || !date.test(until) || since > until) {
      throw invalidParameter('time_range must be {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"} with since on or before until');
    }
    return { since, until };
  }
  const preset = params.string('date_preset') ?? 'last_30d';
  if (preset === 'today') return { since: today, until: today };
  if (preset === 'yesterday') return { since: addDays(today, -1), until: addDays(today, -1) };
  if (preset === 'maximum') return { since: zone.date(account.world.startMs), until: today };
  const last = /^last_(\d+)d$/.exec(preset);
  if (last) return { since: addDays(today, -Number(last[1])), until: addDays(today, -1) };
  throw invalidParameter(`date_preset ${preset} is not served by the fake`);
}

interface Totals {
  spend: number;
  clicks: number;
  conversions: number;
  revenue: number;
}

/** A played hour of the world and its wall-clock hour in the account's zone. */
interface PlayedHour {
  t: number;
  wall: number;
}

/** The played hours of each date the buckets cover, worked out once a request rather than once a row. */
function hoursOfDates(account: FakeAccount, buckets: Bucket[]): Map<string, PlayedHour[]> {
  const { world, zone } = account;
  const first = zone.date(world.startMs);
  const out = new Map<string, PlayedHour[]>();
  for (const bucket of buckets) {
    for (const date of bucket.dates) {
      if (out.has(date)) continue;
      const hours: PlayedHour[] = [];
      const day = daysBetween(first, date);
      if (day >= 0 && day < world.days) {
        const end = Math.min(world.dayStartHour(day + 1), world.hour);
        for (let t = world.dayStartHour(day); t < end; t++) hours.push({ t, wall: zone.hour(world.startMs + t * HOUR_MS) });
      }
      out.set(date, hours);
    }
  }
  return out;
}

function sum(hours: Map<string, PlayedHour[]>, entity: Entity, bucket: Bucket): Totals {
  const totals: Totals = { spend: 0, clicks: 0, conversions: 0, revenue: 0 };
  for (const date of bucket.dates) {
    for (const { t, wall } of hours.get(date) ?? []) {
      if (bucket.wallHour !== undefined && wall !== bucket.wallHour) continue;
      for (const { c, pairs } of entity.units) {
        const state = c.state;
        for (const p of pairs) {
          const slot = t * state.pairs + p;
          totals.spend += state.spend[slot];
          totals.clicks += state.clicks[slot];
          totals.conversions += state.conversions[slot];
          totals.revenue += state.revenue[slot];
        }
      }
    }
  }
  return totals;
}

const count = (n: number) => String(Number(n.toFixed(6)));

function row(account: FakeAccount, e: Entity, bucket: Bucket, totals: Totals, fields: string[], windows: string[], hourly: boolean): Record<string, unknown> {
  const { currency } = account;
  const clicks = Math.round(totals.clicks);
  const impressions = Math.round(totals.clicks / CLICK_THROUGH_RATE);
  const stat = (type: string, value: string) => {
    const entry: Record<string, string> = { action_type: type, value };
    for (const w of windows) if (w !== 'default') entry[w] = CLICK_WINDOWS.has(w) ? value : '0';
    return entry;
  };
  const purchases = hourly ? [] : PURCHASE_TYPES;
  const adSet = e.audience === undefined ? undefined : e.c.state.audiences[e.audience];
  // A switch rather than a table of closures: rows are made by the thousand in a simulation.
  const value = (field: string): unknown => {
    switch (field) {
      case 'account_id':
        return account.accountNumber;
      case 'account_name':
        return account.name;
      case 'account_currency':
        return currency;
      case 'campaign_id':
        return e.c.id;
      case 'campaign_name':
        return e.c.state.spec.name;
      case 'adset_id':
        return e.audience === undefined ? undefined : fakeId('adset', e.c.index, e.audience);
      case 'adset_name':
        return adSet?.name;
      case 'ad_id':
        return e.creative === undefined ? undefined : fakeId('ad', e.c.index, e.audience as number, e.creative);
      case 'ad_name':
        return e.creative === undefined ? undefined : `${e.c.state.creatives[e.creative].name} / ${adSet?.name}`;
      case 'spend':
        return amountText(totals.spend, currency);
      case 'impressions':
        return String(impressions);
      case 'clicks':
        return String(clicks);
      case 'cpc':
        return clicks > 0 ? String(Number((totals.spend / clicks).toFixed(6))) : undefined;
      case 'ctr':
        return impressions > 0 ? String(Number(((clicks / impressions) * 100).toFixed(6))) : undefined;
      case 'cpm':
        return impressions > 0 ? String(Number(((totals.spend / impressions) * 1000).toFixed(6))) : undefined;
      case 'actions':
        return [stat('link_click', String(clicks)), ...purchases.map((t) => stat(t, count(totals.conversions)))];
      case 'action_values':
        return purchases.length === 0 ? undefined : purchases.map((t) => stat(t, amountText(totals.revenue, currency)));
      case 'purchase_roas':
        return purchases.length === 0 || totals.spend === 0 ? undefined : [stat('omni_purchase', count(totals.revenue / totals.spend))];
      case 'date_start':
        return bucket.since;
      case 'date_stop':
        return bucket.until;
      default:
        return undefined;
    }
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = value(f);
    if (v !== undefined) out[f] = v;
  }
  out.date_start = bucket.since;
  out.date_stop = bucket.until;
  if (bucket.wallHour !== undefined) {
    const h = String(bucket.wallHour).padStart(2, '0');
    out[HOURLY] = `${h}:00:00 - ${h}:59:59`;
  }
  return out;
}
