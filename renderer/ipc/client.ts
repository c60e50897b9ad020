import type { AcmBridge } from '@shared/ipc/bridge';
import { GLOBAL_CHANNELS } from '@shared/ipc/channels/workspaces';
import { channelNames, type AcmClient, type EventName, type EventPayloadOf } from '@shared/ipc/contract';
import type { IpcError, IpcErrorCode } from '@shared/ipc/define';

/** A call the main side answered with an error; thrown so react-query shows it as a failed query. */
export class IpcCallError extends Error {
  override name = 'IpcCallError';
  readonly code: IpcErrorCode;
  readonly path?: string;
  constructor(
    readonly channel: string,
    error: IpcError,
  ) {
    super(error.message);
    this.code = error.code;
    this.path = error.path;
  }
}

/** A pushed event with the workspace it happened in (none for the app's own, such as `workspace.changed`). */
export type WorkspaceSubscribe = <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>, workspaceId?: number) => void) => () => void;

export interface AcmConnection {
  /**
   * The typed calls as one workspace answers them. Calls of the workspaces group are about all
   * workspaces and go without one; so does every call when `workspaceId` is null (the host then
   * answers from the workspace the app opened on).
   */
  clientFor(workspaceId: number | null): AcmClient;
  subscribe: WorkspaceSubscribe;
  /** The `acm://` links the app was asked to open; only the app's window has them (never a browser on `acm serve`). */
  onOpenLink?: (listener: (url: string) => void) => () => void;
}

export const isGlobalChannel = (channel: string): boolean => GLOBAL_CHANNELS.has(channel);

/** Builds the typed client from the contract's channel list: one function per channel, nothing written by hand. */
export function createAcmConnection(bridge: AcmBridge): AcmConnection {
  const call = async (channel: string, request: unknown, workspaceId: number | undefined): Promise<unknown> => {
    const result = await bridge.invoke(channel, request ?? {}, isGlobalChannel(channel) ? undefined : workspaceId);
    if (!result.ok) throw new IpcCallError(channel, result.error);
    return result.value;
  };
  // One client per workspace, kept: components compare it by identity in their effects and callbacks.
  const clients = new Map<number | null, AcmClient>();
  const clientFor = (workspaceId: number | null): AcmClient => {
    let client = clients.get(workspaceId);
    if (!client) {
      client = Object.fromEntries(channelNames.map((name) => [name, (request?: unknown) => call(name, request, workspaceId ?? undefined)])) as AcmClient;
      clients.set(workspaceId, client);
    }
    return client;
  };
  const subscribe: WorkspaceSubscribe = (event, listener) => bridge.subscribe(event, listener as (payload: unknown, workspaceId?: number) => void);
  const onOpenLink = bridge.onOpenLink && ((listener: (url: string) => void) => bridge.onOpenLink!(listener));
  return { clientFor, subscribe, onOpenLink };
}
