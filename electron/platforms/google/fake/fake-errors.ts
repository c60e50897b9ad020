import { GOOGLE_ADS_VERSION } from '../api-version';

/** One GoogleAdsError in REST JSON: its code (`{queryError: 'UNRECOGNIZED_FIELD'}`), words, where it points and details. */
export interface FakeAdsErrorEntry {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: { quotaErrorDetails: { rateScope: 'ACCOUNT' | 'DEVELOPER'; rateName: string; retryDelay: string } };
}

export const FAILURE_TYPE = `type.googleapis.com/google.ads.googleads.${GOOGLE_ADS_VERSION}.errors.GoogleAdsFailure`;

/** google.rpc.Code names by HTTP status, as Google's REST gateway maps them. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** google.rpc.Code numbers, for the `code` of a partial failure's Status. */
export const RPC_INVALID_ARGUMENT = 3;

/** A refusal of the fake, answered in Google's envelope: a google.rpc.Status whose details hold a GoogleAdsFailure. */
export class FakeGoogleAdsError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly errors: FakeAdsErrorEntry[],
    message = httpStatus === 400 ? 'Request contains an invalid argument.' : (errors[0]?.message ?? 'The request failed.'),
  ) {
    super(message);
  }

  body(requestId: string): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        status: STATUS_NAMES[this.httpStatus] ?? 'UNKNOWN',
        details: [{ '@type': FAILURE_TYPE, errors: this.errors, requestId }],
      },
    };
  }
}

/** An error of one kind (`queryError`, `authorizationError`, …) with Google's enum name for it. */
export function adsError(httpStatus: number, kind: string, name: string, message: string, extra: Partial<FakeAdsErrorEntry> = {}): FakeGoogleAdsError {
  return new FakeGoogleAdsError(httpStatus, [{ errorCode: { [kind]: name }, message, ...extra }]);
}

export function queryError(name: string, message: string): FakeGoogleAdsError {
  return adsError(400, 'queryError', name, message);
}

/** Google's answer to a URL no RPC maps to. */
export function notFound(method: string, path: string): FakeGoogleAdsError {
  return adsError(404, 'requestError', 'UNKNOWN', `The fake serves no ${method} ${path}.`);
}

/** Where an error of a mutate operation points: `operations[i].update.<field>`. */
export function operationLocation(index: number, ...fields: string[]): FakeAdsErrorEntry['location'] {
  return { fieldPathElements: [{ fieldName: 'operations', index }, ...fields.map((fieldName) => ({ fieldName }))] };
}
