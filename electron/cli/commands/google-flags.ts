import { OPERATIONS_PER_DAY, type AccessLevel } from '@platforms/google/operations-quota';
import { UsageError } from '../command';

/** `--customer-id`, `--login-customer-id`: a Google Ads customer id as Google Ads shows it (123-456-7890) or its ten digits. */
export function parseCustomerId(flag: string, text: string): string {
  const digits = text.replace(/-/g, '');
  if (!/^\d{10}$/.test(digits)) throw new UsageError(`--${flag} must be a Google Ads customer id (ten digits, dashes allowed), got '${text}'`);
  return digits;
}

/** `--access-level`: the developer token's access level, whose daily operations the agents plan within. */
export function parseAccessLevel(text: string): AccessLevel {
  const levels = Object.keys(OPERATIONS_PER_DAY) as AccessLevel[];
  if (!(levels as string[]).includes(text)) {
    throw new UsageError(`--access-level must be ${levels.map((l) => `${l} (${OPERATIONS_PER_DAY[l]} operations a day)`).join(' or ')}, got '${text}'`);
  }
  return text as AccessLevel;
}

/** The flags only `--platform google` takes. */
export const GOOGLE_FLAGS = ['customer-id', 'login-customer-id', 'oauth-base', 'access-level'] as const;
