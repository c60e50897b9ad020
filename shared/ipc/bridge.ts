import type { IpcResult } from './define';

/**
 * What the preload exposes as `window.acm`, and what the WebSocket transport offers the
 * renderer in a browser: one generic invoke and one generic subscribe. Channel names and
 * payload types come from the contract; the bridge itself knows nothing of them, so there is
 * no second copy of the API to drift.
 */
export interface AcmBridge {
  /**
   * `workspaceId` names the workspace that answers; calls of the workspaces group
   * (GLOBAL_CHANNELS) are about all of them and ignore it. Without one, the workspace the app
   * opened on answers.
   */
  invoke(channel: string, request: unknown, workspaceId?: number): Promise<IpcResult<unknown>>;
  /** Returns the function that ends the subscription; `workspaceId` says whose event it is (none for the app's own). */
  subscribe(event: string, listener: (payload: unknown, workspaceId?: number) => void): () => void;
  /**
   * Only in the app's window: the `acm://` links the operating system handed the app, already
   * checked by the main process. A link that came before the page listened is kept for it.
   */
  onOpenLink?(listener: (url: string) => void): () => void;
}

/** The Electron IPC channel names the bridge uses under the hood. */
export const ELECTRON_INVOKE_CHANNEL = 'acm:invoke';
export const ELECTRON_EVENT_CHANNEL = 'acm:event';
export const ELECTRON_LINK_CHANNEL = 'acm:open-link';
