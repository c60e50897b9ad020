import { channelNames, contract } from '@shared/ipc/contract';
import { desktopChannels } from '@shared/ipc/channels/desktop';
import { GLOBAL_CHANNELS, workspaceChannels } from '@shared/ipc/channels/workspaces';
import type { IpcResult } from '@shared/ipc/define';
import type { DesktopControl, EventListener, Services, WorkspaceDirectory } from './services';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
import { handlerModules } from './handlers';
import { desktopHandlers } from './handlers/desktop';
import { workspaceHandlers } from './handlers/workspaces';
import { knownFailure } from './handler-error';
import { HandlerRegistry } from './registry';

/** What a transport binds to: Electron's ipcMain in the app, the WebSocket in the headless host. */
export interface IpcServer {
  /** Answers one call; every channel but the workspaces group is answered by the workspace named (the current one when none is). */
  handle(channel: string, request: unknown, workspaceId?: number): Promise<IpcResult<unknown>>;
  /** Every event pushed, with the workspace it is about; returns the function that unsubscribes. */
  onEvent(listener: EventListener): () => void;
}

const WORKSPACE_SCOPED = channelNames.filter((name) => !GLOBAL_CHANNELS.has(name));

/** One workspace's handlers: every domain module over its services. */
function workspaceDispatcher(services: Services, options: DispatcherOptions): Dispatcher {
  const registry = new HandlerRegistry();
  for (const [domain, makeHandlers] of Object.entries(handlerModules)) registry.register(domain, makeHandlers(services));
  return createDispatcher(registry.build(WORKSPACE_SCOPED) as Parameters<typeof createDispatcher>[0], options);
}

export interface IpcServerOptions extends DispatcherOptions {
  /** The desktop settings of the app; a host without (`acm serve`) answers their calls UNAVAILABLE. */
  desktop?: DesktopControl;
}

export function createIpcServer(directory: WorkspaceDirectory, options: IpcServerOptions = {}): IpcServer {
  const { desktop, ...dispatching } = options;
  const globalHandlers = new HandlerRegistry()
    .register('workspaces', workspaceHandlers(directory))
    .register('desktop', desktopHandlers(desktop))
    .build([...GLOBAL_CHANNELS] as never[]);
  const global = createDispatcher(globalHandlers, { ...dispatching, channels: { ...workspaceChannels, ...desktopChannels } } as DispatcherOptions);
  const scoped = new WeakMap<Services, Dispatcher>();
  const dispatcherOf = (services: Services): Dispatcher => {
    let dispatcher = scoped.get(services);
    if (!dispatcher) scoped.set(services, (dispatcher = workspaceDispatcher(services, dispatching)));
    return dispatcher;
  };
  return {
    async handle(channel, request, workspaceId) {
      if (typeof channel === 'string' && GLOBAL_CHANNELS.has(channel)) return global.dispatch(channel, request);
      if (typeof channel !== 'string' || !Object.hasOwn(contract.channels, channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown IPC channel '${String(channel)}'` } };
      }
      if (workspaceId !== undefined && (!Number.isSafeInteger(workspaceId) || workspaceId <= 0)) {
        return {
          ok: false,
          error: { code: 'INVALID_INPUT', message: `workspace id must be a positive integer, got ${String(workspaceId)}`, path: 'workspaceId' },
        };
      }
      let services: Services;
      try {
        services = directory.services(workspaceId);
      } catch (error) {
        return { ok: false, error: knownFailure(error) ?? { code: 'INTERNAL', message: `no workspace answers ${channel}` } };
      }
      return dispatcherOf(services).dispatch(channel, request);
    },
    onEvent(listener) {
      const stops = [directory.onEvent(listener), desktop?.onChange(() => listener('desktop.changed', {}))];
      return () => stops.forEach((stop) => stop?.());
    },
  };
}
