import { useQuery } from '@tanstack/react-query';
import type { ChannelName, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { useAcm } from './acm-context';

/** Every query is keyed by its channel and request, so an event can find exactly what it makes stale. */
export const queryKeyOf = <C extends ChannelName>(channel: C, request?: RequestOf<C>) => [channel, request ?? {}] as const;

export function useAcmQuery<C extends ChannelName>(channel: C, request?: RequestOf<C>) {
  const { client } = useAcm();
  const call = client[channel] as (request?: RequestOf<C>) => Promise<ResponseOf<C>>;
  return useQuery({ queryKey: queryKeyOf(channel, request), queryFn: () => call(request) });
}
