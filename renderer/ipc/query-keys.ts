import type { ChannelName, RequestOf } from '@shared/ipc/contract';
import { isGlobalChannel } from './client';

/**
 * Every cached answer is keyed `[channel, request, workspaceId]`: the channel first, so a pushed
 * event marks channels stale by prefix; the workspace last, so one client's numbers are never
 * read back under another's name. Calls about all workspaces (the workspaces group) have no
 * workspace in their key.
 */
export type QueryKey = readonly [channel: string, request: unknown, workspaceId?: number | null];

/** The key of a cached call, or of any cached value a screen derives from one channel in one workspace. */
export function keyIn(workspaceId: number | null, channel: string, part: unknown): QueryKey {
  return isGlobalChannel(channel) ? [channel, part] : [channel, part, workspaceId];
}

export const queryKeyOf = <C extends ChannelName>(channel: C, request: RequestOf<C> | undefined, workspaceId: number | null): QueryKey =>
  keyIn(workspaceId, channel, request ?? {});

/** The workspace a key belongs to; undefined for a key about all workspaces. */
export function workspaceOfKey(key: readonly unknown[]): number | null | undefined {
  return key.length > 2 ? (key[2] as number | null) : undefined;
}
