import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DecisionFilterView, DecisionView } from '@shared/ipc/channels/decisions';
import type { ResponseOf } from '@shared/ipc/contract';
import { useAcm } from '@renderer/ipc/acm-context';
import { keyIn, queryKeyOf } from '@renderer/ipc/use-acm-query';
import { PAGE_SIZE, useDecisionSearch } from './use-decision-pages';

type Page = ResponseOf<'decisions.page'>;

/** The timeline's rows as the windowed list reads them, whichever way they are fetched. */
export interface DecisionRows {
  /** Rows the list spans; undefined until known. */
  count: number | undefined;
  rowAt(index: number): DecisionView | undefined;
  /** The rows drawn now: their pages are fetched, and no others. */
  showRange(first: number, last: number): void;
  error: Error | null;
  /** A text search that has older decisions left to search; absent otherwise. */
  searchFurther?: { fetching: boolean; load(): void };
}

const NEAR_END = 50;

/**
 * Without a text filter, the matching decisions are counted and the list spans them all: each
 * page in view is fetched on its own, on the keyset cursor of the page before it when that one is
 * loaded (scrolling down), or else by offset (a jump, e.g. the scrollbar dragged to the end), so
 * reaching the oldest of a million decisions costs one page, not five thousand. A text search
 * cannot be counted: its list grows as it is scrolled, one searched page at a time.
 */
export function useDecisionRows(filter: DecisionFilterView): DecisionRows {
  const { client, workspaceId } = useAcm();
  const queryClient = useQueryClient();
  const searching = Boolean(filter.text);
  const [range, setRange] = useState({ first: 0, last: 0 });
  const showRange = useCallback((first: number, last: number) => setRange((r) => (r.first === first && r.last === last ? r : { first, last })), []);

  const counted = useQuery({
    queryKey: queryKeyOf('decisions.count', { filter }, workspaceId),
    queryFn: () => client['decisions.count']({ filter }),
    enabled: !searching,
  });
  const pageKey = (index: number) => keyIn(workspaceId, 'decisions.page', { filter, window: index });
  const wanted: number[] = [];
  if (!searching && range.last > range.first)
    for (let p = Math.floor(range.first / PAGE_SIZE); p <= Math.floor((range.last - 1) / PAGE_SIZE); p++) wanted.push(p);
  const pages = useQueries({
    queries: wanted.map((index) => ({
      queryKey: pageKey(index),
      queryFn: (): Promise<Page> => {
        const before = index > 0 ? queryClient.getQueryData<Page>(pageKey(index - 1)) : undefined;
        if (index === 0) return client['decisions.page']({ filter, limit: PAGE_SIZE });
        if (before?.next && before.items.length === PAGE_SIZE) return client['decisions.page']({ filter, cursor: before.next, limit: PAGE_SIZE });
        return client['decisions.page']({ filter, offset: index * PAGE_SIZE, limit: PAGE_SIZE });
      },
    })),
  });
  const search = useDecisionSearch(filter, searching);
  const found = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const nearEnd = searching && found.length > 0 && range.last >= found.length - NEAR_END;
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (searching) {
    return {
      count: search.isPending ? undefined : found.length,
      rowAt: (index) => found[index],
      showRange,
      error: search.error,
      searchFurther: hasNextPage ? { fetching: isFetchingNextPage, load: () => void (isFetchingNextPage || fetchNextPage()) } : undefined,
    };
  }
  const loaded = new Map(wanted.map((index, i) => [index, pages[i].data]));
  return {
    count: counted.data?.count,
    rowAt: (index) => loaded.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    showRange,
    error: counted.error ?? pages.find((p) => p.error)?.error ?? null,
  };
}
