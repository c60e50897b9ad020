/**
 * The one error type that crosses the layers: the engine, the store and the adapters throw it,
 * and the IPC boundary hands its code and message to the caller as they are.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  /** The audit trail does not verify, or its signing key is missing or not the one in force. */
  'INTEGRITY',
  /** The record could not be written (a full disk, an I/O error): nothing was half-done. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AcmError extends Error {
  override name = 'AcmError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path?: string; cause?: unknown },
  ) {
    super(message, details?.cause === undefined ? undefined : { cause: details.cause });
  }
}
