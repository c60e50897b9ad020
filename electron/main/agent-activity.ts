import type { WorkspaceSummary } from '@shared/ipc/channels/workspaces';
import type { IpcServer } from '../ipc/server';

/** Events after which the number of running agents may have changed: an agent added, paused, resumed or stopped, a workspace opened. */
const MOVES_AGENTS: ReadonlySet<string> = new Set(['agent.changed', 'workspace.changed']);

/**
 * Tells `onChange` whether any agent of any workspace is running (active: not paused, not
 * stopped by the kill switch), at once and after every event that may change it: nothing polls.
 * Returns the function that stops watching.
 */
export function watchAgentActivity(server: IpcServer, onChange: (active: boolean) => void, warn: (message: string) => void): () => void {
  let asked = 0;
  let last: boolean | undefined;
  const refresh = async (): Promise<void> => {
    const ask = ++asked;
    const reply = await server.handle('workspaces.list', {});
    // An older answer arriving after a newer one would undo it.
    if (ask !== asked) return;
    if (!reply.ok) {
      warn(`could not tell whether agents are running: ${reply.error.message}`);
      return;
    }
    const active = (reply.value as WorkspaceSummary[]).some((workspace) => workspace.agents.active > 0);
    if (active === last) return;
    last = active;
    onChange(active);
  };
  void refresh();
  return server.onEvent((event) => {
    if (MOVES_AGENTS.has(event)) void refresh();
  });
}
