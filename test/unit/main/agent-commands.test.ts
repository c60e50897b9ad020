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
  it('calls the IPC channel and confirms', async () => {
    const { notices, calls } = await run(async () => ({ ok: true, value: { count: 3 } }));
    expect(calls).toEqual(['agents.pauseAll']);
    expect(notices).toEqual([{ title: 'All agents paused', body: '3 agents affected.' }]);
  });

  it('says plainly when this build has no such command', async () => {
    const { notices, calls } = await run(
      async () => ({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'unknown channel agents.resumeAll' } }),
      'resumeAll',
    );
    expect(calls).toEqual(['agents.resumeAll']);
    expect(notices).toEqual([{ title: 'Could not resume all agents', body: 'This version of the app has no "agents.resumeAll" command yet.' }]);
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
