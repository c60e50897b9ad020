import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ResponseOf } from '@shared/ipc/contract';
import { useConnectionStore } from '../app/connection-store';
import { useAcm } from './acm-context';
import { invalidateChannels } from './invalidate';
import { queryKeyOf } from './use-acm-query';

const HOUR_MS = 3_600_000;

/** Which cached channels each pushed event makes stale. */
const STALE_AFTER = {
  'decision.changed': ['decisions.', 'monitor.', 'alerts.', 'campaigns.', 'audit.'],
  'agent.changed': ['agents.', 'monitor.', 'alerts.', 'decisions.', 'audit.'],
  'alert.raised': ['alerts.', 'monitor.', 'audit.'],
} as const;

/**
 * Keeps the query cache current from what the host pushes, instead of polling. After a lost
 * connection comes back, everything is refetched: events sent meanwhile were missed.
 */
export function useLiveUpdates(): void {
  const { subscribe } = useAcm();
  const queryClient = useQueryClient();
  const reconnects = useConnectionStore((state) => state.reconnects);

  useEffect(() => {
    let hour = -1;
    const ends = [
      subscribe('clock.tick', (clock) => {
        queryClient.setQueryData<ResponseOf<'app.info'>>(queryKeyOf('app.info'), (info) => info && { ...info, clock });
        // The host records the platform's report once a simulated hour: goal progress and KPIs move with it.
        const now = Math.floor(clock.now / HOUR_MS);
        if (hour !== -1 && now !== hour) void invalidateChannels(queryClient, ['monitor.']);
        hour = now;
      }),
      ...Object.entries(STALE_AFTER).map(([event, prefixes]) =>
        subscribe(event as keyof typeof STALE_AFTER, () => void invalidateChannels(queryClient, prefixes)),
      ),
    ];
    return () => ends.forEach((end) => end());
  }, [subscribe, queryClient]);

  useEffect(() => {
    if (reconnects > 0) void queryClient.invalidateQueries();
  }, [reconnects, queryClient]);
}
