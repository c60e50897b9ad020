import { workspacePath } from '@host/workspace-files';
import { SANDBOX_PLATFORM } from '@host/sandbox-account';
import { openDatabase, type Store } from '@store/index';
import { labelsOf, type WorkspaceLabels } from '@store/exports/workspace-labels';
import { UsageError } from '../command';

/**
 * A workspace's database, with whose it is. Opened for writing: the report's digest signs the
 * chain's head as it is, which records a checkpoint (as `acm audit checkpoint` does).
 */
export interface OpenWorkspace {
  store: Store;
  labels: WorkspaceLabels;
}

function open(path: string): Store {
  try {
    return openDatabase({ path });
  } catch (e) {
    throw new UsageError(`--db: ${(e as Error).message}`);
  }
}

/**
 * The workspace `wanted` names (its id or its name) among those the home database registers;
 * without `wanted`, the only one there is. A database from before workspaces is its one workspace.
 */
export function openWorkspace(home: string, wanted: string | undefined): OpenWorkspace {
  const homeStore = open(home);
  const entries = homeStore.workspaces.list();
  if (entries.length <= 1) {
    const labels = labelsOf(homeStore.profile.get());
    if (wanted === undefined || wanted === labels.name || wanted === String(entries[0]?.id ?? 1)) return { store: homeStore, labels };
    homeStore.close();
    throw new UsageError(`--workspace: no workspace '${wanted}'; the database has one, '${labels.name}'`);
  }
  homeStore.close();
  const workspaces = entries.map((entry) => {
    const store = open(workspacePath(home, entry.file));
    return { id: entry.id, store, labels: labelsOf(store.profile.get()) };
  });
  const chosen = wanted === undefined ? undefined : workspaces.find((w) => String(w.id) === wanted || w.labels.name === wanted);
  for (const w of workspaces) if (w !== chosen) w.store.close();
  if (chosen) return { store: chosen.store, labels: chosen.labels };
  const names = workspaces.map((w) => `${w.id} '${w.labels.name}'`).join(', ');
  throw new UsageError(
    wanted === undefined ? `--workspace is required: the database has ${names}` : `--workspace: no workspace '${wanted}'; there are ${names}`,
  );
}

/**
 * The account's "now": a sandbox world (or a simulated run, with no account connected) lives on
 * its own clock, whose latest record is as far as it got; a real account's clock is the wall clock.
 */
export function accountNow(store: Store): number {
  const accounts = store.accounts.list();
  const simulated = accounts.every((a) => a.platform === SANDBOX_PLATFORM);
  return (simulated ? store.sandboxState.latestRecord()?.at : undefined) ?? Date.now();
}
