import { useInfiniteQuery } from '@tanstack/react-query';
import type { DecisionFilterView } from '../../../shared/ipc/channels/decisions';
import { useAcm } from '../../ipc/acm-context';

export const PAGE_SIZE = 200;

/** The timeline, page after page on the keyset cursor; keyed under `decisions.page` so pushed events refresh it. */
export function useDecisionPages(filter: DecisionFilterView) {
  const { client } = useAcm();
  return useInfiniteQuery({
    queryKey: ['decisions.page', { filter, infinite: true }],
    queryFn: ({ pageParam }) => client['decisions.page']({ filter, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as { createdAt: number; id: string } | undefined,
    getNextPageParam: (last) => last.next,
  });
}
