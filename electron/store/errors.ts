/** better-sqlite3's SqliteError carries the extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE. */
export function isSqliteError(e: unknown, code: string): e is Error & { code: string } {
  return e instanceof Error && (e as { code?: unknown }).code === code;
}
