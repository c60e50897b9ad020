import { describe, expect, it } from 'vitest';
import { metaApiError, platformCodeOf } from '@platforms/meta/graph-errors';

describe("Meta's error codes in the platform vocabulary", () => {
  it.each([
    [1, undefined, 'TRANSIENT'],
    [2, undefined, 'TRANSIENT'],
    [4, undefined, 'RATE_LIMITED'],
    [17, undefined, 'RATE_LIMITED'],
    [613, undefined, 'RATE_LIMITED'],
    [80000, undefined, 'RATE_LIMITED'],
    [80004, undefined, 'RATE_LIMITED'],
    [80014, undefined, 'RATE_LIMITED'],
    [190, 463, 'AUTH_EXPIRED'],
    [10, undefined, 'PERMISSION_DENIED'],
    [200, undefined, 'PERMISSION_DENIED'],
    [299, undefined, 'PERMISSION_DENIED'],
    [100, undefined, 'INVALID_CHANGE'],
    [100, 33, 'NOT_FOUND'],
    [368, undefined, 'POLICY_REJECTED'],
  ] as const)('code %s (subcode %s) is %s', (code, subcode, expected) => {
    expect(platformCodeOf(code, subcode, 400)).toBe(expected);
  });

  it('treats an unknown code as transient only when the server failed', () => {
    expect(platformCodeOf(80015, undefined, 400)).toBe('INVALID_CHANGE');
    expect(platformCodeOf(undefined, undefined, 503)).toBe('TRANSIENT');
  });

  it('a dead token and a missing permission are not worth a retry; a throttle is, after the wait Meta gave', () => {
    expect(metaApiError('GET /x', { code: 190 }, 400, 't').retryable).toBe(false);
    expect(metaApiError('GET /x', { code: 200 }, 400, 't').retryable).toBe(false);
    const throttled = metaApiError('GET /x', { code: 80004 }, 400, 't', 7 * 60_000);
    expect(throttled.retryable).toBe(true);
    expect(throttled.retryAfterMs).toBe(7 * 60_000);
    expect(metaApiError('GET /x', { code: 17 }, 400, 't').retryAfterMs).toBe(60_000);
  });

  it("keeps Meta's own words, the user-facing message first, and never the token", () => {
    const token = 'EAAB-secret-token-123456';
    const error = metaApiError(
      'POST /v24.0/123',
      { code: 368, message: `blocked (token ${token})`, error_user_title: 'Blocked', error_user_msg: 'Your ad set budget breaks a rule.', fbtrace_id: 'AbC' },
      400,
      token,
    );
    expect(error.platformCode).toBe('POLICY_REJECTED');
    expect(error.message).toContain('Blocked — Your ad set budget breaks a rule.');
    expect(error.message).toContain('code 368');
    expect(error.message).toContain('fbtrace_id AbC');
    expect(error.message).not.toContain(token);
    expect(error.meta.userMessage).toBe('Your ad set budget breaks a rule.');
  });
});
