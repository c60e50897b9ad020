import type Database from 'better-sqlite3';
import type { Store } from './connection';
import { connections } from './connection-registry';

/**
 * A store's raw connection, for tests and benchmarks only: what they do to the file behind the
 * app's back (tamper with rows, read pragmas, time a query). Nothing else may reach past the
 * store's repositories and reports; the linter refuses this module outside test/.
 */
export function connectionOf(store: Store): Database.Database {
  const sqlite = connections.get(store);
  if (!sqlite) throw new Error(`no connection known for the store of ${store.path}`);
  return sqlite;
}
