import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '@shared/ipc/bridge';
import type { IpcResult } from '@shared/ipc/define';
import type { IpcServer } from '../ipc/server';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcBindingDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  server: IpcServer;
  isTrustedSender: (senderUrl: string | null | undefined) => boolean;
  /** The web contents of every open window, read at the moment an event is pushed. */
  eventTargets: () => EventTarget[];
  warn: (message: string) => void;
}

const failure = (code: 'FORBIDDEN' | 'INVALID_INPUT' | 'INTERNAL', message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Answers the preload's one invoke channel from the IPC server and forwards the server's
 * pushed events to every window. Returns the function that unbinds both.
 */
export function bindIpcServer(deps: IpcBindingDeps): () => void {
  const invoke = async (
    event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
    channel: unknown,
    request: unknown,
    workspaceId?: unknown,
  ): Promise<IpcResult<unknown>> => {
    const senderUrl = event.senderFrame?.url;
    if (!deps.isTrustedSender(senderUrl)) {
      deps.warn(`refused IPC from untrusted frame ${senderUrl ?? '(gone)'}`);
      return failure('FORBIDDEN', `IPC is answered only for the app's own page, not ${senderUrl ?? 'a frame that is gone'}`);
    }
    if (typeof channel !== 'string') {
      return failure('INVALID_INPUT', `IPC channel name must be a string, got ${typeof channel}`);
    }
    if (workspaceId !== undefined && typeof workspaceId !== 'number') {
      return failure('INVALID_INPUT', `workspace id must be a number, got ${typeof workspaceId}`);
    }
    try {
      return await deps.server.handle(channel, request, workspaceId);
    } catch (error) {
      // The server replies with errors as data; reaching here is a bug, reported without leaking a stack to the page.
      deps.warn(`IPC handler for ${channel} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return failure('INTERNAL', `internal error while handling ${channel}`);
    }
  };
  deps.ipcMain.handle(ELECTRON_INVOKE_CHANNEL, invoke);

  const unsubscribe = deps.server.onEvent((name, payload, workspaceId) => {
    for (const target of deps.eventTargets()) {
      if (!target.isDestroyed()) target.send(ELECTRON_EVENT_CHANNEL, name, payload, workspaceId);
    }
  });

  return () => {
    unsubscribe();
    deps.ipcMain.removeHandler(ELECTRON_INVOKE_CHANNEL);
  };
}
