import type { GraphClient } from './graph-client';
import { accountPath } from './meta-account';

/** What a token may do, as the Connect dialog and the host say it: without the token itself. */
export interface TokenAccess {
  /** The permissions Meta says were granted to the token (ads_read, ads_management, …). */
  permissions: string[];
  /** Whether changes to the ad account asked about may be sent with it. */
  canManage: boolean;
  /** Why it may not, in words a person understands; absent when it may. */
  readOnlyReason?: string;
  /** The token's user's tasks on the ad account (MANAGE, ADVERTISE, ANALYZE, DRAFT), when Meta gave them. */
  userTasks?: string[];
}

/** One row of `GET /me/permissions`. */
export interface PermissionGrant {
  permission: string;
  /** granted, declined or expired. */
  status: string;
}

/** The permission without which Meta refuses every write to an ad account (code 200). */
export const MANAGE_PERMISSION = 'ads_management';
/** A user's tasks on an ad account that let it change campaigns: ANALYZE only reads, DRAFT only drafts. */
const CHANGING_TASKS = ['MANAGE', 'ADVERTISE'];

/** The token's permissions, whatever their status, as Meta lists them. */
export function readPermissions(client: GraphClient): Promise<PermissionGrant[]> {
  return client.getAll<PermissionGrant>('me/permissions');
}

/**
 * What a token with these permissions may do on an ad account whose `user_tasks` Meta gave (or
 * on any, without one): change it when ads_management is granted and, where the tasks are
 * listed, MANAGE or ADVERTISE is among them. `who` names the token in the reason
 * ("the token from ACM_META_TOKEN"). Needs no call: the Connect dialog judges every ad account
 * of `/me/adaccounts?fields=user_tasks,…` with one read of the permissions.
 */
export function accessOf(grants: readonly PermissionGrant[], account?: { id: string; userTasks?: string[] }, who = 'the token'): TokenAccess {
  const permissions = grants.filter((g) => g.status === 'granted').map((g) => g.permission);
  const access: TokenAccess = { permissions, canManage: true };
  if (account?.userTasks) access.userTasks = account.userTasks;
  const reason = readOnlyReason(grants, account, who);
  return reason === undefined ? access : { ...access, canManage: false, readOnlyReason: reason };
}

/** Reads what the token may do, on the ad account named (its `user_tasks`) or on any. */
export async function readTokenAccess(client: GraphClient, accountId?: string, who = 'the token'): Promise<TokenAccess> {
  const grants = await readPermissions(client);
  if (accountId === undefined) return accessOf(grants, undefined, who);
  const id = accountPath(accountId);
  const row = await client.get<{ user_tasks?: unknown[] }>(id, { fields: ['user_tasks'] });
  return accessOf(grants, { id, userTasks: Array.isArray(row.user_tasks) ? row.user_tasks.map(String) : undefined }, who);
}

function readOnlyReason(grants: readonly PermissionGrant[], account: { id: string; userTasks?: string[] } | undefined, who: string): string | undefined {
  const manage = grants.find((g) => g.permission === MANAGE_PERMISSION);
  if (manage?.status !== 'granted') {
    const missing = manage === undefined ? 'not granted' : manage.status;
    const reads = grants.some((g) => g.permission === 'ads_read' && g.status === 'granted');
    return reads ? `${who} has ads_read only (ads_management ${missing})` : `${who} lacks ads_management (${missing}) and ads_read`;
  }
  if (account?.userTasks === undefined || account.userTasks.some((t) => CHANGING_TASKS.includes(t))) return undefined;
  const may = account.userTasks.length > 0 ? `may only ${account.userTasks.join(' and ')}` : 'has no task';
  return `on ${account.id} ${who} ${may} (changing it takes the ADVERTISE or MANAGE task)`;
}
