import type { IpcError, IpcErrorCode } from '../../shared/ipc/define';
import { AcmError } from '../../shared/errors';
import { ConflictError, NotFoundError } from '../store/errors';

/** A handler's refusal the caller should see as is: its code, message and (for INVALID_INPUT) path. */
export class HandlerError extends Error {
  override name = 'HandlerError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Messages quote what the caller sent (an id, a name), which may be megabytes long: the reply names it, it does not echo it. */
const MAX_MESSAGE_CHARS = 500;

function bounded(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters)`;
}

/** The IpcError a known failure becomes; undefined for anything else (a bug: reported as INTERNAL). */
export function knownFailure(error: unknown): IpcError | undefined {
  if (error instanceof HandlerError) return { code: error.code, message: bounded(error.message), ...(error.path === undefined ? {} : { path: error.path }) };
  if (error instanceof AcmError) return { code: error.code, message: bounded(error.message), ...(error.details?.path === undefined ? {} : { path: error.details.path }) };
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: bounded(error.message) };
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: bounded(error.message) };
  return undefined;
}
