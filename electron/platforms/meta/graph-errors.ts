import { PlatformError, type PlatformErrorCode } from '@shared/platform/adapter';
import { redactToken } from './redact';

/** The `error` object of Meta's error envelope. */
export interface MetaErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** How long a throttle lasts when Meta does not say: its own documentation speaks of a minute. */
export const DEFAULT_THROTTLE_MS = 60_000;

/** Meta's "object does not exist or cannot be loaded" is code 100 with this subcode. */
const NO_SUCH_OBJECT = 33;

/** Meta's numeric error code in the app's platform vocabulary (../shared/platform-specs/README.md). */
export function platformCodeOf(code: number | undefined, subcode: number | undefined, httpStatus: number): PlatformErrorCode {
  if (code === 1 || code === 2) return 'TRANSIENT';
  if (code === 4 || code === 17 || code === 613 || (code !== undefined && code >= 80000 && code <= 80014)) return 'RATE_LIMITED';
  // 102 is an expired session, 190 an expired or revoked token: either way the token is dead.
  if (code === 190 || code === 102) return 'AUTH_EXPIRED';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'PERMISSION_DENIED';
  if (code === 100) return subcode === NO_SUCH_OBJECT ? 'NOT_FOUND' : 'INVALID_CHANGE';
  if (code === 368) return 'POLICY_REJECTED';
  return httpStatus >= 500 ? 'TRANSIENT' : 'INVALID_CHANGE';
}

/** A refusal from the Graph API: the platform error the app understands, with Meta's own code, words and trace id beside it. */
export class MetaApiError extends PlatformError {
  override name = 'MetaApiError';
  constructor(
    platformCode: PlatformErrorCode,
    message: string,
    readonly meta: { code?: number; subcode?: number; userMessage?: string; fbtraceId?: string; httpStatus: number },
    retryAfterMs?: number,
  ) {
    super(platformCode, message, retryAfterMs);
  }
}

/**
 * The platform error for one of Meta's error envelopes. The message names the call and keeps
 * Meta's own words (the user-facing message first: it is the one that explains a refusal), and
 * never the token. A throttle carries the wait Meta announced (`regainMs`), or a minute.
 */
export function metaApiError(call: string, body: MetaErrorBody, httpStatus: number, token: string, regainMs?: number): MetaApiError {
  const code = typeof body.code === 'number' ? body.code : undefined;
  const subcode = typeof body.error_subcode === 'number' ? body.error_subcode : undefined;
  const platformCode = platformCodeOf(code, subcode, httpStatus);
  const words = [body.error_user_title, body.error_user_msg, body.message].filter((w): w is string => typeof w === 'string' && w.length > 0);
  const said = words.length > 0 ? words.join(' — ') : `HTTP ${httpStatus}`;
  const codeText = code === undefined ? '' : ` (code ${code}${subcode === undefined ? '' : `/${subcode}`})`;
  const trace = body.fbtrace_id ? ` [fbtrace_id ${body.fbtrace_id}]` : '';
  const message = redactToken(`Meta refused ${call}${codeText}: ${said}${trace}`, token);
  const retryAfterMs = platformCode === 'RATE_LIMITED' ? (regainMs && regainMs > 0 ? regainMs : DEFAULT_THROTTLE_MS) : undefined;
  const userMessage = body.error_user_msg ?? body.message;
  return new MetaApiError(
    platformCode,
    message,
    { code, subcode, userMessage: userMessage === undefined ? undefined : redactToken(userMessage, token), fbtraceId: body.fbtrace_id, httpStatus },
    retryAfterMs,
  );
}
