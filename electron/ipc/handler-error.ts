import { AcmError } from '@shared/errors';
import type { IpcError } from '@shared/ipc/define';

/** Messages quote what the caller sent (an id, a name), which may be megabytes long: the reply names it, it does not echo it. */
const MAX_MESSAGE_CHARS = 500;

function bounded(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters)`;
}

/**
 * The one place an error becomes the contract's: an AcmError, from whichever layer threw it, is
 * answered with its code and message; anything else is a bug (undefined here: reported as INTERNAL).
 */
export function knownFailure(error: unknown): IpcError | undefined {
  if (!(error instanceof AcmError)) return undefined;
  return { code: error.code, message: bounded(error.message), ...(error.details?.path === undefined ? {} : { path: error.details.path }) };
}
