import { isCurrency } from '@shared/money';
import { PlatformError } from '@shared/platform/adapter';
import { AccountZone, isTimeZone } from '@shared/zone';
import type { FetchLike, GoogleAdsClient } from './ads-client';
import { GoogleAdsApiError, googleAdsApiError, type GoogleErrorBody } from './ads-errors';
import { GOOGLE_ADS_BASE, GOOGLE_ADS_VERSION } from './api-version';
import { QUERIES, type CustomerClientRow, type CustomerRow } from './google-rows';

/** A Google Ads customer (ad account) as the adapter works with it. */
export interface GoogleCustomer {
  /** Ten digits, no dashes. */
  id: string;
  name: string;
  currency: string;
  zone: AccountZone;
  /** A manager account holds no campaigns of its own: its client accounts are joined instead. */
  manager: boolean;
}

/** Reads the customer the client acts on; refuses one whose currency or time zone the app cannot work in. */
export async function readCustomer(client: GoogleAdsClient): Promise<GoogleCustomer> {
  const [row] = await client.search<CustomerRow>(QUERIES.customer);
  const where = `customer ${client.customerId}`;
  if (!row) throw new PlatformError('NOT_FOUND', `${where}: Google returned no customer row`);
  const { customer } = row;
  if (!isCurrency(customer.currencyCode))
    throw new PlatformError('INVALID_CHANGE', `${where}: Google gave the currency '${customer.currencyCode}', which is not an ISO 4217 code`);
  if (!isTimeZone(customer.timeZone))
    throw new PlatformError('INVALID_CHANGE', `${where}: Google gave the time zone '${customer.timeZone}', which is not an IANA zone`);
  return {
    id: client.customerId,
    name: customer.descriptiveName ?? where,
    currency: customer.currencyCode,
    zone: AccountZone.of(customer.timeZone),
    manager: customer.manager === true,
  };
}

/** An account below a manager, as the manager lists it: each can join a workspace through the manager (as login customer). */
export interface ClientAccount {
  id: string;
  name: string;
  manager: boolean;
  currency?: string;
  timeZone?: string;
  status?: string;
}

/** The accounts directly below the manager account the client acts on (its customer id is the manager's). */
export async function listClientAccounts(client: GoogleAdsClient): Promise<ClientAccount[]> {
  const rows = await client.search<CustomerClientRow>(QUERIES.clients);
  return rows.map(({ customerClient: c }) => ({
    id: c.id,
    name: c.descriptiveName ?? `customer ${c.id}`,
    manager: c.manager === true,
    currency: c.currencyCode,
    timeZone: c.timeZone,
    status: c.status,
  }));
}

export interface AccessibleCustomersOptions {
  fetch: FetchLike;
  /** A fresh OAuth access token; never logged, never in a message. */
  accessToken: () => Promise<string>;
  developerToken?: string;
  /** Scheme and host of the API (Google's by default; a fake's). */
  baseUrl?: string;
}

/**
 * The customers the signed-in Google user reaches directly (`customers:listAccessibleCustomers`),
 * as ten-digit ids: a manager account's clients are not among them (list them with
 * `listClientAccounts` through the manager). It is neither a search nor a mutate, so Google does
 * not count it as an operation.
 */
export async function listAccessibleCustomers(options: AccessibleCustomersOptions): Promise<string[]> {
  const call = 'customers:listAccessibleCustomers';
  const headers: Record<string, string> = { authorization: `Bearer ${await options.accessToken()}` };
  if (options.developerToken) headers['developer-token'] = options.developerToken;
  const base = (options.baseUrl ?? GOOGLE_ADS_BASE).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await options.fetch(`${base}/${GOOGLE_ADS_VERSION}/${call}`, { method: 'GET', headers, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new GoogleAdsApiError('TRANSIENT', `${call}: no answer (${cause instanceof Error ? cause.message : (error as Error).message})`, { httpStatus: 0 });
  }
  let parsed: { resourceNames?: unknown; error?: GoogleErrorBody };
  try {
    parsed = (await response.json()) as typeof parsed;
  } catch {
    throw new GoogleAdsApiError(response.ok ? 'TRANSIENT' : 'INVALID_CHANGE', `${call}: HTTP ${response.status} with an answer that is not JSON`, {
      httpStatus: response.status,
    });
  }
  if (!response.ok || parsed.error) throw googleAdsApiError(call, parsed.error ?? {}, response.status, () => 0);
  const names = Array.isArray(parsed.resourceNames) ? parsed.resourceNames : [];
  return names.map((name) => String(name).replace(/^customers\//, '')).filter((id) => /^\d{10}$/.test(id));
}
