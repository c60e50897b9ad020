import { isCurrency } from '@shared/money';
import { PlatformError } from '@shared/platform/adapter';
import { AccountZone, isTimeZone } from '@shared/zone';
import type { GraphClient } from './graph-client';
import { FIELDS, type AdAccountRow, type MinimumBudgetRow } from './meta-objects';
import { fromMinorUnits } from './money-units';

/** `account_status` of an ad account, as Meta's documentation names the values. */
const ACCOUNT_STATUS: Record<number, string> = {
  1: 'active',
  2: 'disabled',
  3: 'unsettled',
  7: 'pending risk review',
  8: 'pending settlement',
  9: 'in grace period',
  100: 'pending closure',
  101: 'closed',
  201: 'any active',
  202: 'any closed',
};

/** `account_status` in words. */
export function accountStatusText(status: number): string {
  return ACCOUNT_STATUS[status] ?? `status ${status}`;
}

/** An ad account of a workspace, as Meta describes it. */
export interface MetaAccount {
  /** "act_" and the account's number: the id the Graph API paths use. */
  id: string;
  accountId: string;
  name: string;
  currency: string;
  zone: AccountZone;
  status: number;
  statusText: string;
  /** The least daily budget of an ad set, in the account currency, by what the ad set is billed for. */
  minimums: MinimumBudgets;
}

export interface MinimumBudgets {
  impressions: number;
  highFrequency: number;
  lowFrequency: number;
  videoViews: number;
}

/** "act_123", "123" → "act_123". */
export function accountPath(accountId: string): string {
  const id = accountId.startsWith('act_') ? accountId.slice(4) : accountId;
  if (!/^\d+$/.test(id)) throw new PlatformError('INVALID_CHANGE', `'${accountId}' is not a Meta ad account id (act_ and digits)`);
  return `act_${id}`;
}

/**
 * The minimum daily budget of an ad set billed on `billingEvent`: impressions have the lowest,
 * frequent events (clicks, engagement) a higher one, rare events (installs, purchases) the highest.
 */
export function minimumFor(minimums: MinimumBudgets, billingEvent: string | undefined): number {
  switch (billingEvent) {
    case undefined:
    case 'IMPRESSIONS':
      return minimums.impressions;
    case 'THRUPLAY':
      return minimums.videoViews;
    case 'CLICKS':
    case 'LINK_CLICKS':
    case 'POST_ENGAGEMENT':
    case 'PAGE_LIKES':
    case 'LISTING_INTERACTION':
      return minimums.highFrequency;
    default:
      return minimums.lowFrequency;
  }
}

/** Reads an ad account and its minimum budgets; refuses one whose currency or time zone the app cannot work in. */
export async function readAccount(client: GraphClient, accountId: string): Promise<MetaAccount> {
  const path = accountPath(accountId);
  const row = await client.get<AdAccountRow>(path, { fields: FIELDS.account });
  if (!isCurrency(row.currency)) throw new PlatformError('INVALID_CHANGE', `${path}: Meta gave the currency '${row.currency}', which is not an ISO 4217 code`);
  if (!isTimeZone(row.timezone_name))
    throw new PlatformError('INVALID_CHANGE', `${path}: Meta gave the time zone '${row.timezone_name}', which is not an IANA zone`);
  const listed = await client.getAll<MinimumBudgetRow>(`${path}/minimum_budgets`);
  const own = listed.find((m) => m.currency === row.currency);
  const floor = row.min_daily_budget === undefined ? 0 : fromMinorUnits(row.min_daily_budget, row.currency, `${path}.min_daily_budget`);
  const amount = (value: number | undefined, what: string) =>
    Math.max(floor, value === undefined ? 0 : fromMinorUnits(value, row.currency, `${path}/minimum_budgets ${what}`));
  return {
    id: path,
    accountId: row.account_id,
    name: row.name ?? path,
    currency: row.currency,
    zone: AccountZone.of(row.timezone_name),
    status: row.account_status,
    statusText: accountStatusText(row.account_status),
    minimums: {
      impressions: amount(own?.min_daily_budget_imp, 'min_daily_budget_imp'),
      highFrequency: amount(own?.min_daily_budget_high_freq, 'min_daily_budget_high_freq'),
      lowFrequency: amount(own?.min_daily_budget_low_freq, 'min_daily_budget_low_freq'),
      videoViews: amount(own?.min_daily_budget_video_views, 'min_daily_budget_video_views'),
    },
  };
}
