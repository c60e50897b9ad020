import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName, EventPayloadOf, ResponseOf } from '@shared/ipc/contract';
import { useConnectionStore } from '../app/connection-store';
import type { WorkspaceSubscribe } from './client';
import { useAcm } from './acm-context';
import { invalidateChannels } from './invalidate';

const HOUR_MS = 3_600_000;

/**
 * Which cached channels each pushed event makes stale, in the workspace it happened in. The
 * workspaces group is in each: the switcher's alert counts and the cross-client exceptions move
 * with any client's decisions, agents and alerts.
 */
export const STALE_AFTER = {
  'decision.changed': ['decisions.', 'monitor.', 'alerts.', 'campaigns.', 'audit.', 'workspaces.'],
  'agent.changed': ['agents.', 'monitor.', 'alerts.', 'decisions.', 'audit.', 'workspaces.'],
  // An alert's messages join the outbox with it.
  'alert.raised': ['alerts.', 'monitor.', 'audit.', 'workspaces.', 'notifications.'],
  // A delivery tried, or a channel changed: its state and the outbox.
  'notification.changed': ['notifications.'],
  // A workspace created, renamed or opened: the list, and that workspace's account details.
  'workspace.changed': ['workspaces.', 'app.'],
  // A desktop setting changed, or the updater moved on.
  'desktop.changed': ['desktop.'],
} as const satisfies Partial<Record<EventName, readonly string[]>>;

type Clock = EventPayloadOf<'clock.tick'>;

/**
 * Subscribes the query cache to what the host pushes; returns the function that ends it. Each
 * event refreshes only its own workspace's answers (an event that names none, every workspace's).
 */
export function followEvents(subscribe: WorkspaceSubscribe, queryClient: QueryClient): () => void {
  // The simulated hour each workspace's clock was last seen in.
  const hours = new Map<number | undefined, number>();
  const onTick = (clock: Clock, workspaceId?: number) => {
    queryClient.setQueriesData<ResponseOf<'app.info'>>(
      { queryKey: ['app.info'], predicate: (query) => workspaceId === undefined || query.queryKey[2] === workspaceId },
      (info) => info && { ...info, clock },
    );
    // The host records the platform's report once a simulated hour: goal progress, KPIs and experiments' days move with it.
    const hour = Math.floor(clock.now / HOUR_MS);
    const last = hours.get(workspaceId);
    if (last !== undefined && last !== hour) void invalidateChannels(queryClient, ['monitor.', 'experiments.'], workspaceId);
    hours.set(workspaceId, hour);
  };
  const ends = [
    subscribe('clock.tick', onTick),
    ...Object.entries(STALE_AFTER).map(([event, prefixes]) =>
      subscribe(
        event as keyof typeof STALE_AFTER,
        (payload, workspaceId) =>
          // `workspace.changed` is the app's own event: the workspace it is about is in its payload.
          void invalidateChannels(queryClient, prefixes, workspaceId ?? (payload as { workspaceId?: number }).workspaceId),
      ),
    ),
  ];
  return () => ends.forEach((end) => end());
}

/**
 * Keeps the query cache current from what the host pushes, instead of polling. After a lost
 * connection comes back, everything is refetched: events sent meanwhile were missed.
 */
export function useLiveUpdates(): void {
  const { subscribe } = useAcm();
  const queryClient = useQueryClient();
  const reconnects = useConnectionStore((state) => state.reconnects);

  useEffect(() => followEvents(subscribe, queryClient), [subscribe, queryClient]);

  useEffect(() => {
    if (reconnects > 0) void queryClient.invalidateQueries();
  }, [reconnects, queryClient]);
}
