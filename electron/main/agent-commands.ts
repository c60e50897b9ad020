import type { IpcServer } from '../ipc/server';

/** Commands the tray and the application menu send through the same IPC server the renderer uses: every workspace's agents at once. */
export const AGENT_COMMANDS = {
  pauseAll: { channel: 'workspaces.pauseAll', label: 'Pause all agents', doing: 'pause all agents', done: 'All agents paused' },
  resumeAll: { channel: 'workspaces.resumeAll', label: 'Resume all agents', doing: 'resume all agents', done: 'All agents resumed' },
} as const;
export type AgentCommand = keyof typeof AGENT_COMMANDS;

export interface Notice {
  title: string;
  body: string;
}

/**
 * Runs one command and always ends in a notice for the user: success, the server's error,
 * or a clear word that this build has no such command. It never throws, because a tray
 * click has no caller to catch anything.
 */
export async function runAgentCommand(server: Pick<IpcServer, 'handle'>, command: AgentCommand, notify: (notice: Notice) => void): Promise<void> {
  const spec = AGENT_COMMANDS[command];
  const failed = (body: string) => notify({ title: `Could not ${spec.doing}`, body });
  try {
    const result = await server.handle(spec.channel, {});
    if (result.ok) notify({ title: spec.done, body: describeValue(result.value) });
    else if (result.error.code === 'UNKNOWN_CHANNEL') failed(`This version of the app has no "${spec.channel}" command yet.`);
    else failed(`${result.error.code}: ${result.error.message}`);
  } catch (error) {
    failed(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeValue(value: unknown): string {
  if (typeof value !== 'object' || value === null || !('workspaces' in value) || !Array.isArray(value.workspaces)) return 'Done.';
  const workspaces = value.workspaces as { agentIds: string[] }[];
  const agents = workspaces.reduce((sum, w) => sum + w.agentIds.length, 0);
  return `${agents} agent${agents === 1 ? '' : 's'} affected in ${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}.`;
}
