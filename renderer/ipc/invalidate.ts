import type { QueryClient } from '@tanstack/react-query';
import { workspaceOfKey } from './query-keys';

/**
 * Marks stale every cached query whose channel starts with one of the prefixes, e.g. `decisions.`
 * or `monitor.`. With a workspace, only that workspace's queries and those about all workspaces
 * (a change in one client moves the cross-client counts too); without one, every workspace's.
 */
export function invalidateChannels(queryClient: QueryClient, prefixes: readonly string[], workspaceId?: number): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => {
      if (!prefixes.some((p) => String(query.queryKey[0]).startsWith(p))) return false;
      const owner = workspaceOfKey(query.queryKey);
      return workspaceId === undefined || owner === undefined || owner === workspaceId;
    },
  });
}
