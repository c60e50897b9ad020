import type { Handles } from './handles';

/** One workspace of the app: its database, named relative to the home file's workspaces folder ('' is the home file). */
export interface WorkspaceEntry {
  id: number;
  file: string;
  createdAt: number;
  openedAt: number | null;
}

/** Kept in the home database: which workspaces the app has and which one was opened last. */
export interface WorkspaceRegistry {
  list(): WorkspaceEntry[];
  /** Registers the next workspace; `fileFor` names its database from its id. */
  add(createdAt: number, fileFor: (id: number) => string): WorkspaceEntry;
  /** The home file as workspace 1, when it is not registered yet (a new or pre-workspace database). */
  ensureHome(createdAt: number): void;
  markOpened(id: number, at: number): void;
  /** The workspace opened last, else the first. */
  lastOpened(): WorkspaceEntry | undefined;
}

const COLUMNS = 'id, file, created_at AS createdAt, opened_at AS openedAt';

export function createWorkspaceRegistry({ sqlite }: Handles): WorkspaceRegistry {
  const all = sqlite.prepare(`SELECT ${COLUMNS} FROM workspaces ORDER BY id`);
  const nextId = sqlite.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM workspaces').pluck();
  const insert = sqlite.prepare('INSERT INTO workspaces (id, file, created_at) VALUES (?, ?, ?)');
  const home = sqlite.prepare('INSERT OR IGNORE INTO workspaces (id, file, created_at) VALUES (1, ?, ?)');
  const opened = sqlite.prepare('UPDATE workspaces SET opened_at = ? WHERE id = ?');
  const last = sqlite.prepare(`SELECT ${COLUMNS} FROM workspaces ORDER BY opened_at IS NULL, opened_at DESC, id LIMIT 1`);
  const add = sqlite.transaction((createdAt: number, fileFor: (id: number) => string): WorkspaceEntry => {
    const id = nextId.get() as number;
    const file = fileFor(id);
    insert.run(id, file, createdAt);
    return { id, file, createdAt, openedAt: null };
  });
  return {
    list: () => all.all() as WorkspaceEntry[],
    add: (createdAt, fileFor) => add.immediate(createdAt, fileFor),
    ensureHome: (createdAt) => void home.run('', createdAt),
    markOpened: (id, at) => {
      if (opened.run(at, id).changes !== 1) throw new Error(`no workspace ${id}`);
    },
    lastOpened: () => last.get() as WorkspaceEntry | undefined,
  };
}
