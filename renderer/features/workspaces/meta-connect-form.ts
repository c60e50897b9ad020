import type { MetaAdAccount } from '@shared/ipc/channels/meta-connect';
import { COMMON_ACTION_TYPES, isActionType } from '@shared/platform/action-type';
import { connectedReason } from './connected-account';

/** What the token may do, as the connect dialog says it beside the user's name. */
export interface PermissionBadge {
  label: string;
  /** Shown on hover: the permission Meta names. */
  title: string;
  tone: 'manage' | 'read';
}

/**
 * ads_management lets agents act; ads_read alone lets them only recommend. A token with neither
 * reaches no ad account's data, which the account list then shows by itself.
 */
export function permissionBadges(permissions: readonly string[]): PermissionBadge[] {
  if (permissions.includes('ads_management')) return [{ label: 'may change campaigns', title: 'ads_management granted', tone: 'manage' }];
  if (permissions.includes('ads_read')) {
    return [{ label: 'read only: agents will recommend, you make the changes', title: 'ads_read granted, ads_management not', tone: 'read' }];
  }
  return [];
}

/** Why an ad account cannot be picked (already in a workspace, a currency or zone the app does not know), or nothing when it can. */
export function whyNotPickable(account: MetaAdAccount, workspaceName: (id: number) => string | undefined): string | undefined {
  return connectedReason(account, workspaceName) ?? account.problem;
}

/** The picker's entry that opens free text for an action type not among the common ones. */
export const OTHER_ACTION = 'other…';

export const ACTION_CHOICES: readonly string[] = [...COMMON_ACTION_TYPES, OTHER_ACTION];

export const DEFAULT_ACTION = 'purchase';

/** The conversion action as picked, or typed after "other…"; the problem when the typed one is not an action type. */
export function conversionActionOf(choice: string, typed: string): { action: string } | { problem: string } {
  if (choice !== OTHER_ACTION) return { action: choice };
  const action = typed.trim();
  if (!action) return { problem: 'Type the action type that counts as a conversion, such as offsite_conversion.custom.123.' };
  if (!isActionType(action))
    return { problem: `'${action}' is not a Meta action type: lower-case letters, digits and _ . - such as offsite_conversion.custom.123.` };
  return { action };
}

export const connectLabel = (count: number): string => `Connect ${count} account${count === 1 ? '' : 's'}`;

/** "and 3 more": the accounts the token reaches beyond those listed. */
export const moreText = (more: number): string | undefined => (more > 0 ? `and ${more} more` : undefined);
