import type { z } from 'zod';
import type { IpcError } from '@shared/ipc/define';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a zod path the way a person reads JSON: `goals[0].value`, `labels["odd key"]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * The first problem of a failed parse as an INVALID_INPUT error. An unknown key is reported at
 * the key itself rather than at its parent object, so the path points at the typo.
 */
export function invalidInput(error: z.ZodError, what: string): IpcError {
  const issue = error.issues[0];
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const jsonPath = formatJsonPath(path);
  const where = jsonPath === '' ? what : `${what} at ${jsonPath}`;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return { code: 'INVALID_INPUT', message: `Invalid ${where}: ${issue.message}${more}`, path: jsonPath };
}
