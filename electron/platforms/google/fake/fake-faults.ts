import { AccountZone } from '@shared/zone';
import { adsError, type FakeGoogleAdsError } from './fake-errors';

/**
 * Failures on demand, for tests: Google's throttles (a short-term rate limit with its retry
 * delay, the day's operations quota spent), server errors worth a retry, refusals of
 * permission, and a mutate applied whose answer is lost (the connection drops after the change).
 */
export type FakeGoogleFaultKind =
  'rate_limit' | 'daily_quota' | 'internal' | 'unavailable' | 'deadline' | 'permission' | 'project_not_approved' | 'unauthenticated' | 'lost_answer';

export interface FakeGoogleFault {
  kind: FakeGoogleFaultKind;
  /** How many matching requests fail (default 1; Infinity for all). A spent daily quota lasts, by default, until the quota day turns. */
  count?: number;
  match?: {
    method?: 'GET' | 'POST';
    /** The path after the version ("customers/1234567890/campaignBudgets:mutate"): a substring, or a pattern. */
    path?: string | RegExp;
    /** Only the dry runs (true), or only the real mutates (false). */
    validateOnly?: boolean;
  };
  /** For `rate_limit`: the seconds Google says to wait (default 12). */
  retryDelaySeconds?: number;
}

export interface FakeGoogleCall {
  method: string;
  path: string;
  validateOnly: boolean;
}

/** Google's quota day ends at midnight Pacific time. */
const QUOTA_ZONE = AccountZone.of('America/Los_Angeles');

interface Armed extends FakeGoogleFault {
  left: number;
  until?: number;
}

export class FakeGoogleFaults {
  private faults: Armed[] = [];

  constructor(private readonly now: () => number) {}

  inject(fault: FakeGoogleFault): void {
    const lasting = fault.kind === 'daily_quota' && fault.count === undefined;
    const left = lasting ? Infinity : (fault.count ?? 1);
    if (!(left > 0)) throw new RangeError(`a fault's count must be above 0, got ${left}`);
    this.faults.push({ ...fault, left, until: lasting ? QUOTA_ZONE.nextMidnight(this.now()) : undefined });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault a request meets, if any (using one of its count). */
  take(call: FakeGoogleCall): FakeGoogleFault | undefined {
    const now = this.now();
    this.faults = this.faults.filter((f) => f.until === undefined || f.until > now);
    const index = this.faults.findIndex((f) => matches(f, call));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.left <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

function matches(fault: FakeGoogleFault, call: FakeGoogleCall): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.method !== undefined && m.method !== call.method) return false;
  if (m.validateOnly !== undefined && m.validateOnly !== call.validateOnly) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? call.path.includes(m.path) : m.path.test(call.path);
}

/** The error a fault answers with (`lost_answer` has none: the server drops the connection instead); `now` dates a spent quota's wait. */
export function faultError(fault: FakeGoogleFault, now: number): FakeGoogleAdsError {
  switch (fault.kind) {
    case 'rate_limit':
      return adsError(429, 'quotaError', 'RESOURCE_EXHAUSTED', 'Too many requests. Retry in the time given in the details.', {
        details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per customer per minute', retryDelay: `${fault.retryDelaySeconds ?? 12}s` } },
      });
    case 'daily_quota': {
      const seconds = Math.ceil((QUOTA_ZONE.nextMidnight(now) - now) / 1000);
      return adsError(429, 'quotaError', 'RESOURCE_EXHAUSTED', 'Too many requests. Retry in the time given in the details.', {
        details: { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: `${seconds}s` } },
      });
    }
    case 'internal':
      return adsError(500, 'internalError', 'INTERNAL_ERROR', 'An internal error has occurred.');
    case 'unavailable':
      return adsError(503, 'internalError', 'TRANSIENT_ERROR', 'The service is currently unavailable.');
    case 'deadline':
      return adsError(504, 'internalError', 'DEADLINE_EXCEEDED', 'The request did not complete in time.');
    case 'permission':
      return adsError(403, 'authorizationError', 'USER_PERMISSION_DENIED', "User doesn't have permission to access customer.");
    case 'project_not_approved':
      return adsError(
        403,
        'authorizationError',
        'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION',
        'The Google Cloud project is not approved for production access to the Google Ads API.',
      );
    case 'unauthenticated':
    case 'lost_answer':
      return adsError(401, 'authenticationError', 'OAUTH_TOKEN_REVOKED', 'The OAuth access token has been revoked.');
  }
}
