import { channelNames, isChannelName, type ChannelName, type Handlers } from '@shared/ipc/contract';

/** The handlers one domain module contributes, e.g. every `campaigns.*` channel. */
export type HandlerModule = Partial<Handlers>;

/**
 * Collects handlers from the domain modules. Refuses a channel handled twice (two modules
 * silently fighting over a name is the bug this exists to stop) and a name the contract does
 * not declare; `build()` refuses a contract channel nobody handles.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<ChannelName, { domain: string; handler: Handlers[ChannelName] }>();

  register(domain: string, module: HandlerModule): this {
    for (const [name, handler] of Object.entries(module)) {
      if (!isChannelName(name)) throw new Error(`module '${domain}' registers '${name}', which the IPC contract does not declare`);
      const existing = this.handlers.get(name);
      if (existing) throw new Error(`channel '${name}' is registered twice: by module '${existing.domain}' and by module '${domain}'`);
      if (typeof handler !== 'function') throw new Error(`module '${domain}' registers a non-function handler for '${name}'`);
      this.handlers.set(name, { domain, handler: handler as Handlers[ChannelName] });
    }
    return this;
  }

  /** The handlers, refusing to build when one of `required` (every channel by default) has none. */
  build(required: readonly ChannelName[] = channelNames): Handlers {
    const missing = required.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`no handler registered for channel${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return Object.fromEntries([...this.handlers].map(([name, { handler }]) => [name, handler])) as Handlers;
  }
}
