import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { openDatabase } from '@store/index';
import { writeHistory } from '../../../unit/store/audit/account';

/**
 * A home database as the app keeps it: its own history, signed (so its audit key is beside
 * it), and `workspaces` more workspaces in `${home}.workspaces/`, each with a signed history
 * of its own and its key. Returns every database file, the home file first.
 */
export function writeHomeWithWorkspaces(home: string, workspaces = 2): string[] {
  const files = [home];
  const store = openDatabase({ path: home });
  try {
    writeHistory(store);
    store.audit.checkpoint();
    store.workspaces.ensureHome(1);
    if (workspaces > 0) mkdirSync(`${home}.workspaces`);
    for (let i = 0; i < workspaces; i++) {
      const entry = store.workspaces.add(2, (id) => `${id}.db`);
      const path = `${home}.workspaces/${entry.file}`;
      const workspace = openDatabase({ path });
      writeHistory(workspace);
      workspace.agents.create({ id: `w${entry.id}`, name: `Client ${entry.id}`, definition: {}, goals: [] }, 3);
      workspace.audit.checkpoint();
      workspace.close();
      files.push(path);
    }
  } finally {
    store.close();
  }
  return files;
}

/** What a person reads of a database: its agents' names and its audit head. */
export function contentOf(path: string): { agents: string[]; head: { count: number; hash: string } } {
  const store = openDatabase({ path, readonly: true });
  try {
    return { agents: store.agents.list().map((agent) => agent.name), head: store.audit.head() };
  } finally {
    store.close();
  }
}

/** Changes a database behind the app's back (the file only, through SQLite). */
export function withRaw<T>(path: string, fn: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(path);
  try {
    return fn(sqlite);
  } finally {
    sqlite.close();
  }
}
