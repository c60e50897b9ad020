import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelName, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { useAcm } from './acm-context';
import { isGlobalChannel } from './client';
import { invalidateChannels } from './invalidate';

/**
 * A call that changes something, in the workspace this window shows. The host's pushed events
 * refresh other windows; this window also refreshes the channels named here as soon as its own
 * call settles: in its workspace, or in every one for a call about all of them.
 */
export function useAcmMutation<C extends ChannelName>(channel: C, refresh: readonly string[] = []) {
  const { client, workspaceId } = useAcm();
  const queryClient = useQueryClient();
  const call = client[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>>;
  return useMutation({
    mutationFn: (request: RequestOf<C>) => call(request),
    onSettled: () => invalidateChannels(queryClient, refresh, isGlobalChannel(channel) ? undefined : (workspaceId ?? undefined)),
  });
}
