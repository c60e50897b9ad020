import { PlatformError, type PlatformErrorCode } from '@shared/platform/adapter';

/** One entry of `GoogleAdsFailure.errors` as REST JSON writes it. */
export interface GoogleAdsErrorEntry {
  errorCode?: Record<string, string>;
  message?: string;
  details?: { quotaErrorDetails?: { rateScope?: string; rateName?: string; retryDelay?: string } };
}

/** The `error` object of Google's envelope (google.rpc.Status), with a GoogleAdsFailure among its details. */
export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; errors?: GoogleAdsErrorEntry[]; requestId?: string }[];
}

/** What Google said, kept beside the platform error: the first error's code (kind and name), its words and the request id. */
export interface GoogleAdsFailureInfo {
  httpStatus: number;
  status?: string;
  kind?: string;
  name?: string;
  googleMessage?: string;
  requestId?: string;
  /** The wait Google asked for (QuotaErrorDetails.retryDelay), in ms. */
  retryDelayMs?: number;
  /** The day's operations quota is spent: nothing passes until the quota day turns. */
  dailyQuotaSpent?: boolean;
}

/** A refusal from the Google Ads API in the app's platform vocabulary, with Google's own code, words and request id beside it. */
export class GoogleAdsApiError extends PlatformError {
  override name = 'GoogleAdsApiError';
  constructor(
    platformCode: PlatformErrorCode,
    message: string,
    readonly google: GoogleAdsFailureInfo,
    retryAfterMs?: number,
  ) {
    super(platformCode, message, retryAfterMs);
  }

  /** "quotaError.RESOURCE_EXHAUSTED", or the HTTP status when Google gave no error code. */
  get errorCode(): string {
    return this.google.kind && this.google.name ? `${this.google.kind}.${this.google.name}` : (this.google.status ?? `HTTP ${this.google.httpStatus}`);
  }
}

const AUTH_ERRORS = new Set(['authenticationError']);
const REFUSING_KINDS = new Set(['policyViolationError', 'policyFindingError', 'policyValidationParameterError', 'adPolicyError']);

/** Permission refusals in the operator's words: what to do about them, not only Google's code. */
const PERMISSION_WORDS: Record<string, string> = {
  USER_PERMISSION_DENIED:
    'the Google account that connected has no access to this ad account (or must act through its manager account: set the manager as login customer)',
  CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION:
    'the developer token is approved for test accounts only; apply for Basic access in the Google Ads API Center before managing real accounts',
  DEVELOPER_TOKEN_NOT_APPROVED: 'the developer token is approved for test accounts only; apply for Basic access in the Google Ads API Center',
  DEVELOPER_TOKEN_PROHIBITED: 'this developer token may not be used with the Google Cloud project of the OAuth client',
  CUSTOMER_NOT_ENABLED: 'the ad account is not enabled (cancelled or never finished signing up)',
  ACTION_NOT_PERMITTED: 'the connected Google account has read-only access to this ad account',
  INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION: 'the manager account given as login customer does not manage this ad account',
};

/** Quota errors that do not pass in seconds: the day's operations quota, or a developer token shut out. */
const SPENT_QUOTA_NAME = /operations|daily/i;
/** A wait longer than this is no passing throttle but a spent quota. */
const LONG_DELAY_MS = 30 * 60_000;

/** "12s", "0.5s" (protobuf Duration in JSON) in milliseconds. */
export function parseDuration(text: string | undefined): number | undefined {
  const found = typeof text === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(text) : null;
  return found ? Math.round(Number(found[1]) * 1000) : undefined;
}

function failureOf(body: GoogleErrorBody): { errors: GoogleAdsErrorEntry[]; requestId?: string } {
  const failure = (body.details ?? []).find((d) => typeof d?.['@type'] === 'string' && d['@type'].endsWith('GoogleAdsFailure'));
  return { errors: Array.isArray(failure?.errors) ? failure.errors : [], requestId: failure?.requestId };
}

/** Reads Google's envelope: the first error's code and words, the request id, the retry delay and whether the day's quota is spent. */
export function readFailure(body: GoogleErrorBody, httpStatus: number): GoogleAdsFailureInfo {
  const { errors, requestId } = failureOf(body);
  const first = errors[0];
  const [kind, name] = Object.entries(first?.errorCode ?? {})[0] ?? [];
  const quota = errors.map((e) => e.details?.quotaErrorDetails).find((q) => q !== undefined);
  const retryDelayMs = parseDuration(quota?.retryDelay);
  const dailyQuotaSpent =
    kind === 'quotaError' &&
    name === 'RESOURCE_EXHAUSTED' &&
    (SPENT_QUOTA_NAME.test(quota?.rateName ?? '') || (retryDelayMs !== undefined && retryDelayMs > LONG_DELAY_MS));
  return {
    httpStatus,
    status: body.status,
    kind,
    name,
    googleMessage: first?.message ?? body.message,
    requestId,
    retryDelayMs,
    dailyQuotaSpent,
  };
}

/** Google's answer in the app's platform vocabulary. */
export function platformCodeOf(info: GoogleAdsFailureInfo): PlatformErrorCode {
  const { httpStatus, status, kind, name } = info;
  if (httpStatus === 401 || status === 'UNAUTHENTICATED' || (kind !== undefined && AUTH_ERRORS.has(kind))) return 'AUTH_EXPIRED';
  if (httpStatus === 429 || status === 'RESOURCE_EXHAUSTED' || kind === 'quotaError') return 'RATE_LIMITED';
  if (kind === 'authorizationError' || httpStatus === 403 || status === 'PERMISSION_DENIED') return 'PERMISSION_DENIED';
  if (httpStatus === 404 || status === 'NOT_FOUND' || (kind === 'requestError' && name === 'RESOURCE_NAME_NOT_FOUND')) return 'NOT_FOUND';
  if (httpStatus >= 500 || kind === 'internalError') return 'TRANSIENT';
  if (kind !== undefined && REFUSING_KINDS.has(kind)) return 'POLICY_REJECTED';
  return 'INVALID_CHANGE';
}

/** The error for one of Google's error envelopes, naming the call; secrets are the caller's to strip. */
export function googleAdsApiError(call: string, body: GoogleErrorBody, httpStatus: number, dailyQuotaTurnsInMs: () => number): GoogleAdsApiError {
  const info = readFailure(body, httpStatus);
  const platformCode = platformCodeOf(info);
  const code = info.kind && info.name ? ` (${info.kind}.${info.name})` : info.status ? ` (${info.status})` : '';
  const plain = info.name !== undefined ? PERMISSION_WORDS[info.name] : undefined;
  const said = [plain, info.googleMessage].filter((w): w is string => typeof w === 'string' && w.length > 0).join(' — ') || `HTTP ${httpStatus}`;
  const request = info.requestId ? ` [request ${info.requestId}]` : '';
  let retryAfterMs: number | undefined;
  let quota = '';
  if (platformCode === 'RATE_LIMITED') {
    retryAfterMs = info.dailyQuotaSpent ? dailyQuotaTurnsInMs() : (info.retryDelayMs ?? 30_000);
    if (info.dailyQuotaSpent) quota = `; the day's operations quota is spent until midnight Pacific time (in ${Math.ceil(retryAfterMs / 60_000)} min)`;
  }
  return new GoogleAdsApiError(platformCode, `Google Ads refused ${call}${code}: ${said}${quota}${request}`, info, retryAfterMs);
}
