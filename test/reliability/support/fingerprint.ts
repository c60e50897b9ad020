import type Database from 'better-sqlite3';

/** Row counts of every table and the audit log's head: what any write would move. */
export function storeFingerprint(sqlite: Database.Database): string {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const counts = tables.map((t) => `${t}=${sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()}`);
  const head = sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() ?? 'empty';
  return `${counts.join(' ')} head=${head}`;
}
