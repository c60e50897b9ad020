import type { z } from 'zod';
import { agentChannels, agentEvents } from './channels/agents';
import { alertChannels, alertEvents } from './channels/alerts';
import { appChannels } from './channels/app';
import { auditChannels } from './channels/audit';
import { campaignChannels } from './channels/campaigns';
import { clockEvents } from './channels/clock';
import { decisionChannels, decisionEvents } from './channels/decisions';
import { desktopChannels, desktopEvents } from './channels/desktop';
import { experimentChannels } from './channels/experiments';
import { monitorChannels } from './channels/monitor';
import { notificationChannels, notificationEvents } from './channels/notifications';
import { reportChannels } from './channels/reports';
import { workspaceChannels, workspaceEvents } from './channels/workspaces';
import type { ChannelDef, EventDef } from './define';

/**
 * Merges the per-domain groups, refusing a name declared twice: a plain spread would let the
 * later group silently replace the earlier one's schema.
 */
function merge<T extends Record<string, unknown>[]>(...groups: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, def] of Object.entries(group)) {
      if (Object.hasOwn(merged, name)) throw new Error(`IPC contract declares '${name}' twice`);
      merged[name] = def;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every call and every pushed event between the renderer and the main side. Add a domain's group here. */
export const contract = {
  channels: merge(
    appChannels,
    campaignChannels,
    agentChannels,
    decisionChannels,
    auditChannels,
    alertChannels,
    monitorChannels,
    workspaceChannels,
    notificationChannels,
    desktopChannels,
    experimentChannels,
    reportChannels,
  ),
  events: merge(clockEvents, agentEvents, decisionEvents, alertEvents, workspaceEvents, notificationEvents, desktopEvents),
} satisfies { channels: Record<string, ChannelDef>; events: Record<string, EventDef> };

export type Contract = typeof contract;
export type ChannelName = keyof Contract['channels'];
export type EventName = keyof Contract['events'];

/** What a caller sends (before defaults and transforms apply). */
export type RequestOf<C extends ChannelName> = z.input<Contract['channels'][C]['request']>;
/** What a handler receives once the request passed its schema. */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract['channels'][C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract['channels'][C]['response']>;
export type EventPayloadOf<E extends EventName> = z.output<Contract['events'][E]['payload']>;

export type ChannelMap = Record<string, ChannelDef>;

/** The main side of any channel map: one function per channel, given the parsed request. */
export type HandlersOf<Ch extends ChannelMap> = {
  [C in keyof Ch]: (request: z.output<Ch[C]['request']>) => Promise<z.input<Ch[C]['response']>> | z.input<Ch[C]['response']>;
};

export type Handlers = HandlersOf<Contract['channels']>;

/** The renderer side: one async function per channel; calls without arguments may omit the request. */
export type AcmClient = {
  [C in ChannelName]: Record<never, never> extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export const channelNames = Object.keys(contract.channels) as ChannelName[];
export const eventNames = Object.keys(contract.events) as EventName[];

export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(contract.channels, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(contract.events, name);

/** Typed subscription to a pushed event; returns the function that ends it. */
export type AcmSubscribe = <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) => () => void;
