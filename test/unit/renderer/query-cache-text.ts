import type { QueryClient } from '@tanstack/react-query';

/** Everything react-query holds (query keys and states, mutation states) as one text, for checking that a secret is in none of it. */
export function queryCacheText(queryClient: QueryClient): string {
  return JSON.stringify([
    queryClient
      .getQueryCache()
      .getAll()
      .map((q) => [q.queryKey, q.state]),
    queryClient
      .getMutationCache()
      .getAll()
      .map((m) => m.state),
  ]);
}
