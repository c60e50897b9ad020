import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ResponseOf } from '../../shared/ipc/contract';
import { useConnectionStore } from '../app/connection-store';
import { useAcm } from './acm-context';
import { queryKeyOf } from './use-acm-query';

/**
 * Keeps the query cache current from what the host pushes, instead of polling. After a lost
 * connection comes back, everything is refetched: events sent meanwhile were missed.
 */
export function useLiveUpdates(): void {
  const { subscribe } = useAcm();
  const queryClient = useQueryClient();
  const reconnects = useConnectionStore((state) => state.reconnects);

  useEffect(
    () =>
      subscribe('clock.tick', (clock) => {
        queryClient.setQueryData<ResponseOf<'app.info'>>(queryKeyOf('app.info'), (info) => info && { ...info, clock });
      }),
    [subscribe, queryClient],
  );

  useEffect(() => {
    if (reconnects > 0) void queryClient.invalidateQueries();
  }, [reconnects, queryClient]);
}
