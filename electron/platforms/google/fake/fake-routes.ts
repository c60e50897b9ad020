import { createHash } from 'node:crypto';
import type { FakeGoogleCustomer } from './fake-customer';
import { adsError, notFound } from './fake-errors';
import { MUTATE_SERVICES, mutate, type MutateCollection, type MutateRequest } from './fake-mutates';
import { search, type SearchTarget } from './fake-search';

/** The headers that decide which accounts a request may act on. */
export interface RouteAccess {
  loginCustomerId?: string;
}

export interface RouteContext {
  customer: FakeGoogleCustomer;
  access: RouteAccess;
  requestId: string;
  searchPageSize: number;
}

const CUSTOMER_ROUTE = /^customers\/([^/]+)\/([A-Za-z]+):([A-Za-z]+)$/;

/** Answers the REST routes of the RPCs the adapter uses (their `google.api.http` options), after the version. */
export function route(method: string, path: string, body: Record<string, unknown>, ctx: RouteContext): unknown {
  if (method === 'GET' && path === 'customers:listAccessibleCustomers') {
    const { customer } = ctx;
    return { resourceNames: [`customers/${customer.manager?.id ?? customer.customerId}`] };
  }
  const found = CUSTOMER_ROUTE.exec(path);
  if (method !== 'POST' || !found) throw notFound(method, `/${path}`);
  const [, customerId, collection, verb] = found;
  const target = targetOf(ctx, customerId);
  if (collection === 'googleAds' && (verb === 'search' || verb === 'searchStream')) {
    const query = body.query;
    if (typeof query !== 'string' || query.trim() === '') throw adsError(400, 'queryError', 'EXPECTED_SELECT', 'The query is missing.');
    if (verb === 'searchStream') {
      const { rows, fieldMask } = search(target, query);
      return [rows.length > 0 ? { results: rows, fieldMask, requestId: ctx.requestId } : { fieldMask, requestId: ctx.requestId }];
    }
    return searchPage(target, query, body.pageToken, ctx.searchPageSize);
  }
  if (verb === 'mutate' && collection in MUTATE_SERVICES) {
    if (target.account.manager) {
      throw adsError(400, 'requestError', 'CANNOT_BE_EXECUTED_BY_MANAGER_ACCOUNT', 'This operation cannot be executed by a manager account.');
    }
    return mutate(ctx.customer, collection as MutateCollection, body as MutateRequest, ctx.requestId);
  }
  throw notFound(method, `/${path}`);
}

/**
 * Which account a request is about, and whether the caller may act on it: with a manager above
 * the customer, the token's user reaches the customer only through the manager, so
 * `login-customer-id` must name the manager, as Google requires.
 */
function targetOf(ctx: RouteContext, customerId: string): SearchTarget {
  const { customer, access } = ctx;
  if (!/^\d{10}$/.test(customerId)) throw adsError(400, 'requestError', 'INVALID_CUSTOMER_ID', `Invalid customer ID '${customerId}'.`);
  const login = access.loginCustomerId;
  if (login !== undefined && !/^\d{10}$/.test(login)) {
    throw adsError(400, 'headerError', 'INVALID_LOGIN_CUSTOMER_ID', 'The login customer id header must be ten digits without dashes.');
  }
  const manager = customer.manager;
  const denied = () =>
    adsError(
      403,
      'authorizationError',
      'USER_PERMISSION_DENIED',
      "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
    );
  if (manager && customerId === manager.id) {
    if (login !== undefined && login !== manager.id) throw denied();
    return { customer, account: { id: manager.id, name: manager.name, manager: true } };
  }
  if (customerId !== customer.customerId) throw denied();
  if (manager ? login !== manager.id : login !== undefined && login !== customer.customerId) throw denied();
  return { customer, account: { id: customer.customerId, name: customer.name, manager: false } };
}

/**
 * One page of `googleAds:search`. The page token names the query and the offset, so that a
 * token is refused with another query, as Google refuses it.
 */
function searchPage(target: SearchTarget, query: string, pageToken: unknown, pageSize: number): Record<string, unknown> {
  const queryKey = createHash('sha256').update(query).digest('hex').slice(0, 16);
  let offset = 0;
  if (pageToken !== undefined && pageToken !== '') {
    const [key, at] = Buffer.from(String(pageToken), 'base64url').toString('utf8').split(':');
    offset = Number(at);
    if (key !== queryKey || !Number.isInteger(offset) || offset <= 0) {
      throw adsError(400, 'requestError', 'INVALID_PAGE_TOKEN', 'Page token is invalid.');
    }
  }
  const { rows, fieldMask } = search(target, query);
  const page: Record<string, unknown> = {};
  const results = rows.slice(offset, offset + pageSize);
  if (results.length > 0) page.results = results;
  if (offset + pageSize < rows.length) page.nextPageToken = Buffer.from(`${queryKey}:${offset + pageSize}`).toString('base64url');
  page.fieldMask = fieldMask;
  return page;
}
