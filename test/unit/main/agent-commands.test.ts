import { describe, expect, it } from 'vitest';
import type { IpcResult } from '@shared/ipc/define';
import { runAgentCommand, type Notice } from '../../../electron/main/agent-commands';

async function run(reply: () => Promise<IpcResult<unknown>>, command: 'pauseAll' | 'resumeAll' = 'pauseAll') {
  const notices: Notice[] = [];
  const calls: string[] = [];
  await runAgentCommand({ handle: (channel) => (calls.push(channel), reply()) }, command, (notice) => notices.push(notice));
  return { notices, calls };
}

describe('tray and menu agent commands', () => {
  it('pauses the agents of every workspace and says how many in how many', async () => {
    const value = {
      workspaces: [
        { workspaceId: 1, agentIds: ['a', 'b'], recorded: true },
        { workspaceId: 2, agentIds: ['c'], recorded: true },
      ],
    };
    const { notices, calls } = await run(async () => ({ ok: true, value }));
    expect(calls).toEqual(['workspaces.pauseAll']);
    expect(notices).toEqual([{ title: 'All agents paused', body: '3 agents affected in 2 workspaces.' }]);
  });

  it('says plainly when this build has no such command', async () => {
    const { notices, calls } = await run(
      async () => ({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'unknown channel workspaces.resumeAll' } }),
      'resumeAll',
    );
    expect(calls).toEqual(['workspaces.resumeAll']);
    expect(notices).toEqual([{ title: 'Could not resume all agents', body: 'This version of the app has no "workspaces.resumeAll" command yet.' }]);
  });

  it("reports the server's error", async () => {
    const { notices } = await run(async () => ({ ok: false, error: { code: 'CONFLICT', message: 'a pause is already in progress' } }));
    expect(notices).toEqual([{ title: 'Could not pause all agents', body: 'CONFLICT: a pause is already in progress' }]);
  });

  it('never throws, even when the server does', async () => {
    const { notices } = await run(async () => {
      throw new Error('database is locked');
    });
    expect(notices).toEqual([{ title: 'Could not pause all agents', body: 'Unexpected error: database is locked' }]);
  });
});
