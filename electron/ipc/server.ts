import type { IpcResult } from '@shared/ipc/define';
import type { Services } from './services';
import { createDispatcher, type DispatcherOptions } from './dispatcher';
import { handlerModules } from './handlers';
import { HandlerRegistry } from './registry';

/** What a transport binds to: Electron's ipcMain in the app, the WebSocket in the headless host. */
export interface IpcServer {
  handle(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  /** Every event the services push, already validated; returns the function that unsubscribes. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export function createIpcServer(services: Services, options: DispatcherOptions = {}): IpcServer {
  const registry = new HandlerRegistry();
  for (const [domain, makeHandlers] of Object.entries(handlerModules)) registry.register(domain, makeHandlers(services));
  const dispatcher = createDispatcher(registry.build(), options);
  return {
    handle: (channel, request) => dispatcher.dispatch(channel, request),
    onEvent: (listener) => services.events.subscribe(listener),
  };
}
