import { isCurrency } from '@shared/money';
import { PlatformError } from '@shared/platform/adapter';
import { AccountZone, isTimeZone } from '@shared/zone';
import type { GoogleAdsClient } from './ads-client';
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
