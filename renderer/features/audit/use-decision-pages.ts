import { useInfiniteQuery } from '@tanstack/react-query';
import type { DecisionFilterView } from '@shared/ipc/channels/decisions';
import { useAcm } from '@renderer/ipc/acm-context';
import { keyIn } from '@renderer/ipc/use-acm-query';

export const PAGE_SIZE = 200;

/**
 * A text search, page after page on the keyset cursor: its matches cannot be counted or jumped
 * into, only searched further back. Keyed under `decisions.page` so pushed events refresh it.
 */
export function useDecisionSearch(filter: DecisionFilterView, enabled: boolean) {
  const { client, workspaceId } = useAcm();
  return useInfiniteQuery({
    queryKey: keyIn(workspaceId, 'decisions.page', { filter, infinite: true }),
    queryFn: ({ pageParam }) => client['decisions.page']({ filter, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as { createdAt: number; id: string } | undefined,
    getNextPageParam: (last) => last.next,
    enabled,
  });
}
