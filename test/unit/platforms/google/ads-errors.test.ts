import { describe, expect, it } from 'vitest';
import { googleAdsApiError, parseDuration, readFailure, type GoogleErrorBody } from '@platforms/google/ads-errors';

const FAILURE = 'type.googleapis.com/google.ads.googleads.v25.errors.GoogleAdsFailure';
const body = (status: string, code: Record<string, string>, message: string, details?: Record<string, unknown>): GoogleErrorBody => ({
  code: 400,
  message: 'Request contains an invalid argument.',
  status,
  details: [{ '@type': FAILURE, errors: [{ errorCode: code, message, ...(details ? { details } : {}) }], requestId: 'rq-1' }],
});
const HOUR = 3_600_000;

describe('Google Ads error envelope', () => {
  it('reads the first error code, its message and the request id', () => {
    const info = readFailure(body('INVALID_ARGUMENT', { campaignBudgetError: 'MONEY_AMOUNT_TOO_LARGE' }, 'Too large.'), 400);
    expect(info).toMatchObject({ kind: 'campaignBudgetError', name: 'MONEY_AMOUNT_TOO_LARGE', googleMessage: 'Too large.', requestId: 'rq-1' });
  });

  it('turns a refusal of the change into INVALID_CHANGE or POLICY_REJECTED carrying the code and words', () => {
    const invalid = googleAdsApiError(
      'campaignBudgets:mutate',
      body('INVALID_ARGUMENT', { campaignBudgetError: 'MONEY_AMOUNT_TOO_LARGE' }, 'Too large.'),
      400,
      () => HOUR,
    );
    expect(invalid.platformCode).toBe('INVALID_CHANGE');
    expect(invalid.refusesChange).toBe(true);
    expect(invalid.errorCode).toBe('campaignBudgetError.MONEY_AMOUNT_TOO_LARGE');
    expect(invalid.message).toBe('Google Ads refused campaignBudgets:mutate (campaignBudgetError.MONEY_AMOUNT_TOO_LARGE): Too large. [request rq-1]');
    const policy = googleAdsApiError(
      'adGroupAds:mutate',
      body('INVALID_ARGUMENT', { policyFindingError: 'POLICY_FINDING' }, 'Ad violates policy.'),
      400,
      () => HOUR,
    );
    expect(policy.platformCode).toBe('POLICY_REJECTED');
  });

  it('maps authentication, permission, not-found and server errors', () => {
    const code = (status: number, rpc: string, kind: Record<string, string>) => googleAdsApiError('x', body(rpc, kind, 'm'), status, () => HOUR).platformCode;
    expect(code(401, 'UNAUTHENTICATED', { authenticationError: 'OAUTH_TOKEN_EXPIRED' })).toBe('AUTH_EXPIRED');
    expect(code(403, 'PERMISSION_DENIED', { authorizationError: 'USER_PERMISSION_DENIED' })).toBe('PERMISSION_DENIED');
    expect(code(404, 'NOT_FOUND', { requestError: 'RESOURCE_NAME_NOT_FOUND' })).toBe('NOT_FOUND');
    expect(code(500, 'INTERNAL', { internalError: 'INTERNAL_ERROR' })).toBe('TRANSIENT');
    expect(googleAdsApiError('x', {}, 503, () => HOUR).platformCode).toBe('TRANSIENT');
  });

  it('explains permission errors in plain words', () => {
    const denied = googleAdsApiError(
      'googleAds:searchStream',
      body('PERMISSION_DENIED', { authorizationError: 'USER_PERMISSION_DENIED' }, "User doesn't have permission."),
      403,
      () => HOUR,
    );
    expect(denied.message).toMatch(/no access to this ad account .*manager account/);
    const project = googleAdsApiError(
      'googleAds:searchStream',
      body('PERMISSION_DENIED', { authorizationError: 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION' }, 'Not approved.'),
      403,
      () => HOUR,
    );
    expect(project.platformCode).toBe('PERMISSION_DENIED');
    expect(project.message).toMatch(/approved for test accounts only; apply for Basic access/);
  });

  it('keeps the retry delay of a passing quota error, and treats a spent daily quota as waiting until the quota day turns', () => {
    const passing = googleAdsApiError(
      'x',
      body('RESOURCE_EXHAUSTED', { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, 'Too many.', {
        quotaErrorDetails: { rateScope: 'ACCOUNT', retryDelay: '12s' },
      }),
      429,
      () => 5 * HOUR,
    );
    expect(passing).toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: 12_000 });
    expect(passing.google.dailyQuotaSpent).toBe(false);
    const spent = googleAdsApiError(
      'x',
      body('RESOURCE_EXHAUSTED', { quotaError: 'RESOURCE_EXHAUSTED' }, 'Too many requests.', {
        quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: '3600s' },
      }),
      429,
      () => 5 * HOUR,
    );
    expect(spent).toMatchObject({ platformCode: 'RATE_LIMITED', retryAfterMs: 5 * HOUR });
    expect(spent.message).toMatch(/day's operations quota is spent until midnight Pacific time \(in 300 min\)/);
  });

  it('reads protobuf durations', () => {
    expect(parseDuration('12s')).toBe(12_000);
    expect(parseDuration('0.5s')).toBe(500);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
