import type { AcmBridge } from '@shared/ipc/bridge';
import { channelNames, type AcmClient, type AcmSubscribe } from '@shared/ipc/contract';
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

export interface AcmConnection {
  client: AcmClient;
  subscribe: AcmSubscribe;
}

/** Builds the typed client from the contract's channel list: one function per channel, nothing written by hand. */
export function createAcmConnection(bridge: AcmBridge): AcmConnection {
  const call = async (channel: string, request: unknown): Promise<unknown> => {
    const result = await bridge.invoke(channel, request ?? {});
    if (!result.ok) throw new IpcCallError(channel, result.error);
    return result.value;
  };
  const client = Object.fromEntries(channelNames.map((name) => [name, (request?: unknown) => call(name, request)])) as AcmClient;
  const subscribe: AcmSubscribe = (event, listener) => bridge.subscribe(event, listener as (payload: unknown) => void);
  return { client, subscribe };
}
