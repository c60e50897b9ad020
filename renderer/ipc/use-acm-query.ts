import { useQuery } from '@tanstack/react-query';
import type { ChannelName, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { useAcm } from './acm-context';
import { isGlobalChannel } from './client';
import { queryKeyOf } from './query-keys';

export { keyIn, queryKeyOf } from './query-keys';

/**
 * Keyed by channel, request and workspace, so an event finds exactly what it makes stale. A
 * workspace's call waits until the window knows its workspace; the key and the client are taken
 * from the same render, so an answer is always cached under the workspace that gave it.
 */
export function useAcmQuery<C extends ChannelName>(channel: C, request?: RequestOf<C>) {
  const { client, workspaceId } = useAcm();
  const call = client[channel] as (request?: RequestOf<C>) => Promise<ResponseOf<C>>;
  return useQuery({
    queryKey: queryKeyOf(channel, request, workspaceId),
    queryFn: () => call(request),
    enabled: workspaceId !== null || isGlobalChannel(channel),
  });
}
