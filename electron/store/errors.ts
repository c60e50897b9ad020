/** Errors the store throws on purpose, so the IPC layer can map them to NOT_FOUND and CONFLICT. */

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${JSON.stringify(id)} does not exist`);
  }
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** better-sqlite3's SqliteError carries the extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE. */
export function isSqliteError(e: unknown, code: string): e is Error & { code: string } {
  return e instanceof Error && (e as { code?: unknown }).code === code;
}
