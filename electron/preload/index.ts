import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type AcmBridge } from '@shared/ipc/bridge';

/**
 * The whole preload: one generic invoke and one generic subscribe. Channel names, payloads
 * and validation belong to the contract and the main process, never to this file.
 */
const bridge = {
  invoke: (channel: string, request: unknown, workspaceId?: number) => ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, request, workspaceId),
  subscribe: (event: string, listener: (payload: unknown, workspaceId?: number) => void) => {
    const forward = (_sender: IpcRendererEvent, name: unknown, payload: unknown, workspaceId?: number) => {
      if (name === event) listener(payload, workspaceId);
    };
    ipcRenderer.on(ELECTRON_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(ELECTRON_EVENT_CHANNEL, forward);
    };
  },
} satisfies AcmBridge;

contextBridge.exposeInMainWorld('acm', bridge);
