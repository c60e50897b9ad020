import type { GoogleCustomer } from '@shared/ipc/channels/google-connect';
import { connectedReason } from './connected-account';

/** The developer token's access levels, with the operations a day Google allows each (its published figures, as the host counts them). */
export const ACCESS_LEVEL_CHOICES = [
  { value: 'explorer', label: 'Explorer: 2,880 operations a day' },
  { value: 'basic', label: 'Basic: 15,000 operations a day' },
] as const;
export type AccessLevelChoice = (typeof ACCESS_LEVEL_CHOICES)[number]['value'];

export const accessLevelLabel = (level: string): string => ACCESS_LEVEL_CHOICES.find((c) => c.value === level)?.label ?? level;

/** "1234567890" → "123-456-7890", as Google Ads shows a customer id. */
export const dashed = (id: string): string => (/^\d{10}$/.test(id) ? `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}` : id);

/** Why a customer cannot be picked (a manager account, already in a workspace, one the app cannot keep), or nothing when it can. */
export function whyNotPickable(customer: GoogleCustomer, workspaceName: (id: number) => string | undefined): string | undefined {
  if (customer.manager) return 'manager account: it has no campaigns of its own, pick its client accounts';
  return connectedReason(customer, workspaceName) ?? customer.problem;
}

/** What a customer is, after its name: id, currency, zone, and the manager it is reached through. */
export function customerDetails(customer: GoogleCustomer): string {
  const parts = [dashed(customer.id)];
  if (customer.currency) parts.push(customer.currency);
  if (customer.timezone) parts.push(customer.timezone);
  if (customer.loginCustomerId !== undefined) parts.push(`through ${customer.managerName ?? dashed(customer.loginCustomerId)}`);
  return parts.join(' · ');
}
