import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, ELECTRON_LINK_CHANNEL, type AcmBridge } from '@shared/ipc/bridge';

// A link the main process sent before the page listened (the app was started by the link): kept until it does.
let pendingLink: string | undefined;
let linkListener: ((url: string) => void) | undefined;
ipcRenderer.on(ELECTRON_LINK_CHANNEL, (_sender: IpcRendererEvent, url: unknown) => {
  if (typeof url !== 'string') return;
  if (linkListener) linkListener(url);
  else pendingLink = url;
});

/**
 * The whole preload: one generic invoke and one generic subscribe, and the `acm://` links the
 * app was asked to open. Channel names, payloads and validation belong to the contract and the
 * main process, never to this file.
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
  onOpenLink: (listener: (url: string) => void) => {
    linkListener = listener;
    const url = pendingLink;
    pendingLink = undefined;
    if (url !== undefined) listener(url);
    return () => {
      if (linkListener === listener) linkListener = undefined;
    };
  },
} satisfies AcmBridge;

contextBridge.exposeInMainWorld('acm', bridge);
