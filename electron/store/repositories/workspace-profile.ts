import { toJson } from '../json';
import type { Handles } from './handles';

export interface WorkspaceProfile {
  name: string;
  currency: string;
  timezone: string;
  createdAt: number;
}

export interface WorkspaceProfileRepository {
  /** Undefined for a database written before workspaces existed, until the host names it. */
  get(): WorkspaceProfile | undefined;
  /** Names the workspace (once: its currency and zone are its accounts' and do not change), audited. */
  create(profile: WorkspaceProfile): WorkspaceProfile;
  /** Renames the workspace, audited. */
  rename(name: string): void;
}

export function createWorkspaceProfileRepository({ sqlite, audit }: Handles): WorkspaceProfileRepository {
  const read = sqlite.prepare('SELECT name, currency, timezone, created_at AS createdAt FROM workspace_profile WHERE id = 1');
  const insert = sqlite.prepare('INSERT INTO workspace_profile (id, name, currency, timezone, created_at) VALUES (1, ?, ?, ?, ?)');
  const setName = sqlite.prepare('UPDATE workspace_profile SET name = ? WHERE id = 1');
  const get = () => read.get() as WorkspaceProfile | undefined;
  return {
    get,
    create: (profile) =>
      sqlite.transaction(() => {
        if (get()) throw new Error('this database already belongs to a workspace');
        insert.run(profile.name, profile.currency, profile.timezone, profile.createdAt);
        audit.append({ kind: 'workspace.created', subject: profile.name, content: toJson(profile, 'workspace profile') });
        return profile;
      })(),
    rename: (name) =>
      sqlite.transaction(() => {
        const before = get();
        if (!before) throw new Error('this database has no workspace to rename');
        setName.run(name);
        audit.append({ kind: 'workspace.updated', subject: name, content: toJson({ name, before: before.name }, 'workspace profile') });
      })(),
  };
}
