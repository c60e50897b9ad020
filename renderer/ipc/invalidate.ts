import type { QueryClient } from '@tanstack/react-query';

/** Marks stale every cached query whose channel starts with one of the prefixes, e.g. `decisions.` or `monitor.`. */
export function invalidateChannels(queryClient: QueryClient, prefixes: readonly string[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => prefixes.some((p) => String(query.queryKey[0]).startsWith(p)) });
}
