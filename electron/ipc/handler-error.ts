import type { IpcError, IpcErrorCode } from '../../shared/ipc/define';
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

/** The IpcError a known failure becomes; undefined for anything else (a bug: reported as INTERNAL). */
export function knownFailure(error: unknown): IpcError | undefined {
  if (error instanceof HandlerError) return { code: error.code, message: error.message, ...(error.path === undefined ? {} : { path: error.path }) };
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: error.message };
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: error.message };
  return undefined;
}
