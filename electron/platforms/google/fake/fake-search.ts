import { compare, meets, order } from './fake-conditions';
import type { FakeGoogleCustomer } from './fake-customer';
import { queryError } from './fake-errors';
import { FIELDS, camelPath, fieldValue, project, type FakeAccountView, type RowContext } from './fake-fields';
import { GaqlError, parseGaql, type GaqlCondition, type GaqlQuery } from './fake-gaql-parser';
import { isEmpty, playedHours, sumHours, unitsOf, type PlayedHour, type Units } from './fake-metrics';

/** Whom a query is about: the served customer, or its manager (which has clients and no campaigns). */
export interface SearchTarget {
  customer: FakeGoogleCustomer;
  account: FakeAccountView;
}

/** The resources each FROM resource may select fields of (its own, and those it belongs to). */
const ATTRIBUTED: Record<string, string[]> = {
  customer: ['customer'],
  customer_client: ['customer_client', 'customer'],
  campaign_budget: ['campaign_budget', 'customer'],
  label: ['label', 'customer'],
  campaign: ['campaign', 'campaign_budget', 'customer'],
  ad_group: ['ad_group', 'campaign', 'campaign_budget', 'customer'],
  ad_group_criterion: ['ad_group_criterion', 'ad_group', 'campaign', 'customer'],
  ad_group_ad: ['ad_group_ad', 'ad_group', 'campaign', 'customer'],
  change_event: ['change_event', 'campaign', 'ad_group', 'customer'],
};
/** The resources whose rows carry metrics and the date and hour segments. */
const WITH_METRICS = new Set(['customer', 'campaign_budget', 'campaign', 'ad_group', 'ad_group_ad']);

export interface SearchResult {
  rows: Record<string, unknown>[];
  /** The selected fields in lowerCamelCase, comma-separated, as Google's `fieldMask`. */
  fieldMask: string;
}

/** Runs a GAQL query against the fake customer, rows shaped as REST JSON GoogleAdsRows. */
export function search(target: SearchTarget, text: string): SearchResult {
  const query = parse(text);
  check(query, target);
  const today = target.customer.zone.date(target.customer.now());
  const usesMetrics = query.select.some((f) => f.startsWith('metrics.'));
  const segmentsSelected = query.select.filter((f) => f.startsWith('segments.'));
  const segmentConditions = query.where.filter((c) => c.field.startsWith('segments.'));
  const rowConditions = query.where.filter((c) => !c.field.startsWith('segments.'));
  const buckets = usesMetrics || segmentsSelected.length > 0 ? bucketsOf(target.customer, segmentConditions, segmentsSelected, today) : undefined;
  let rows: RowContext[] = [];
  for (const { ctx, units } of entities(target, query.from)) {
    if (!buckets) {
      rows.push(ctx);
      continue;
    }
    for (const bucket of buckets) {
      const totals = usesMetrics ? sumHours(units, bucket.hours) : undefined;
      if (totals && segmentsSelected.length > 0 && isEmpty(totals)) continue;
      rows.push({ ...ctx, date: bucket.date, hour: bucket.hour, totals });
    }
  }
  rows = rows.filter((ctx) => rowConditions.every((c) => meets(fieldValue(c.field, ctx), c, today)));
  if (query.orderBy.length > 0) {
    rows.sort((a, b) => {
      for (const { field, descending } of query.orderBy) {
        const d = order(fieldValue(field, a), fieldValue(field, b));
        if (d !== 0) return descending ? -d : d;
      }
      return 0;
    });
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  const resources = new Set([query.from, ...query.select.map((f) => f.split('.')[0]).filter((r) => r !== 'metrics' && r !== 'segments')]);
  const shown = [...[...resources].map((r) => `${r}.resource_name`), ...query.select];
  return { rows: rows.map((ctx) => project(shown, ctx)), fieldMask: query.select.map(camelPath).join(',') };
}

function parse(text: string): GaqlQuery {
  try {
    return parseGaql(text);
  } catch (error) {
    if (error instanceof GaqlError) throw queryError(error.reason, `Error in query: ${error.message}`);
    throw error;
  }
}

function check(query: GaqlQuery, target: SearchTarget): void {
  const allowed = ATTRIBUTED[query.from];
  if (!allowed) throw queryError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Error in query: the fake serves no resource '${query.from}' in FROM.`);
  const clauses: [string, string[]][] = [
    ['SELECT', query.select],
    ['WHERE', query.where.map((c) => c.field)],
    ['ORDER BY', query.orderBy.map((o) => o.field)],
  ];
  for (const [clause, fields] of clauses) {
    for (const field of fields) {
      if (!FIELDS[field]) throw queryError('UNRECOGNIZED_FIELD', `Error in query: unrecognized field in the query: '${field}'.`);
      if (clause !== 'SELECT' && (FIELDS[field].kind === 'message' || FIELDS[field].kind === 'fieldmask')) {
        const name = clause === 'WHERE' ? 'PROHIBITED_FIELD_IN_WHERE_CLAUSE' : 'PROHIBITED_FIELD_IN_ORDER_BY_CLAUSE';
        throw queryError(name, `Error in query: '${field}' cannot be used in the ${clause} clause.`);
      }
      const resource = field.split('.')[0];
      if (resource === 'metrics' || resource === 'segments') {
        if (!WITH_METRICS.has(query.from)) {
          throw queryError(
            resource === 'metrics' ? 'PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE' : 'PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE',
            `Error in query: '${field}' cannot be used with the resource in the FROM clause: ${query.from}.`,
          );
        }
        if (resource === 'metrics' && target.account.manager) {
          throw queryError('REQUESTED_METRICS_FOR_MANAGER', 'Metrics cannot be requested for a manager account. Query the client accounts instead.');
        }
      } else if (!allowed.includes(resource)) {
        const name = clause === 'WHERE' ? 'PROHIBITED_RESOURCE_TYPE_IN_WHERE_CLAUSE' : 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE';
        throw queryError(
          name,
          `Error in query: '${field}' cannot be ${clause === 'WHERE' ? 'filtered on' : 'selected'} with the resource in the FROM clause: ${query.from}.`,
        );
      }
    }
  }
  const dateSelected = query.select.includes('segments.date');
  const dateFiltered = query.where.some((c) => c.field === 'segments.date' && finite(c));
  if (dateSelected && !dateFiltered) {
    throw queryError('EXPECTED_FILTERS_ON_DATE_RANGE', 'Error in query: segments.date in the SELECT clause needs a finite date range in the WHERE clause.');
  }
}

/** A condition that bounds dates on both sides (alone): =, IN, BETWEEN or DURING. */
function finite(c: GaqlCondition): boolean {
  return c.op === '=' || c.op === 'IN' || c.op === 'BETWEEN' || c.op === 'DURING';
}

interface Bucket {
  date?: string;
  hour?: number;
  hours: PlayedHour[];
}

/** The played hours the segment conditions keep, grouped by the selected segments (one bucket when none is selected). */
function bucketsOf(customer: FakeGoogleCustomer, conditions: GaqlCondition[], selected: string[], today: string): Bucket[] {
  const byDate = selected.includes('segments.date');
  const byHour = selected.includes('segments.hour');
  const buckets = new Map<string, Bucket>();
  for (const h of playedHours(customer)) {
    const values: Record<string, unknown> = { 'segments.date': h.date, 'segments.hour': h.hour };
    if (!conditions.every((c) => meets(values[c.field], c, today))) continue;
    const key = `${byDate ? h.date : ''}|${byHour ? h.hour : ''}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { date: byDate ? h.date : undefined, hour: byHour ? h.hour : undefined, hours: [] }));
    bucket.hours.push(h);
  }
  if (buckets.size === 0 && !byDate && !byHour) return [{ hours: [] }];
  return [...buckets.values()].sort((a, b) => compare(a.date ?? '', { kind: 'string', text: b.date ?? '' }) || (a.hour ?? 0) - (b.hour ?? 0));
}

/** The rows a FROM resource has, before segments: their objects and the ledger units their metrics add up. */
function entities(target: SearchTarget, from: string): { ctx: RowContext; units: Units }[] {
  const { customer, account } = target;
  const base: RowContext = { customer, account };
  if (from === 'customer') return [{ ctx: base, units: customer.campaigns.flatMap((c) => unitsOf(c)) }];
  if (from === 'customer_client') {
    const clients: FakeAccountView[] = [{ ...account, level: 0 }];
    if (account.manager) clients.push({ id: customer.customerId, name: customer.name, manager: false, level: 1 });
    return clients.map((client) => ({ ctx: { ...base, client }, units: [] }));
  }
  if (account.manager) return [];
  const out: { ctx: RowContext; units: Units }[] = [];
  if (from === 'campaign_budget') {
    for (const budget of customer.budgets) out.push({ ctx: { ...base, budget }, units: budget.campaigns.flatMap((c) => unitsOf(c)) });
  }
  if (from === 'label') for (const label of customer.labels) out.push({ ctx: { ...base, label }, units: [] });
  if (from === 'change_event') {
    for (const change of customer.changes) out.push({ ctx: { ...base, change, campaign: change.campaign, audience: change.adGroup }, units: [] });
  }
  for (const c of customer.campaigns) {
    const ctx: RowContext = { ...base, campaign: c, budget: c.budget };
    if (from === 'campaign') out.push({ ctx, units: unitsOf(c) });
    c.state.audiences.forEach((_, audience) => {
      if (from === 'ad_group' || from === 'ad_group_criterion') out.push({ ctx: { ...ctx, audience }, units: unitsOf(c, audience) });
      if (from === 'ad_group_ad') {
        c.state.creatives.forEach((__, creative) => out.push({ ctx: { ...ctx, audience, creative }, units: unitsOf(c, audience, creative) }));
      }
    });
  }
  return out;
}
