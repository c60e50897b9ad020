import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { AcmBridge } from '@shared/ipc/bridge';
import { createAcmConnection } from '@renderer/ipc/client';
import { invalidateChannels } from '@renderer/ipc/invalidate';
import { keyIn, queryKeyOf } from '@renderer/ipc/query-keys';
import { followEvents } from '@renderer/ipc/use-live-updates';

/** A bridge whose events the test pushes; calls are never made here. */
function pushingBridge() {
  const listeners = new Map<string, ((payload: unknown, workspaceId?: number) => void)[]>();
  const bridge: AcmBridge = {
    invoke: async () => ({ ok: true, value: null }),
    subscribe: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
  };
  const push = (event: string, payload: unknown, workspaceId?: number) => (listeners.get(event) ?? []).forEach((l) => l(payload, workspaceId));
  return { bridge, push };
}

const clients: QueryClient[] = [];
function cacheWith(entries: [readonly unknown[], unknown][]): QueryClient {
  const cache = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  clients.push(cache);
  for (const [key, data] of entries) cache.setQueryData(key, data);
  return cache;
}
afterEach(() => clients.splice(0).forEach((c) => c.clear()));

const stale = (cache: QueryClient, key: readonly unknown[]) => cache.getQueryState(key)?.isInvalidated ?? false;

describe('query keys', () => {
  it('keep two workspaces’ answers to the same call apart, and calls about all workspaces under none', () => {
    const tokyo = queryKeyOf('campaigns.list', undefined, 2);
    const home = queryKeyOf('campaigns.list', undefined, 1);
    expect(tokyo).not.toEqual(home);
    const cache = cacheWith([
      [home, [{ name: 'Brand search', dailyBudget: 50 }]],
      [tokyo, [{ name: 'Brand search', dailyBudget: 7000 }]],
    ]);
    expect(cache.getQueryData(queryKeyOf('campaigns.list', {}, 2))).toEqual([{ name: 'Brand search', dailyBudget: 7000 }]);
    expect(queryKeyOf('workspaces.list', undefined, 2)).toEqual(queryKeyOf('workspaces.list', undefined, 1));
    expect(keyIn(2, 'decisions.page', { window: 3 })).toEqual(['decisions.page', { window: 3 }, 2]);
  });
});

describe('invalidation', () => {
  it('in one workspace leaves the other workspaces’ answers alone, and marks the cross-client ones stale', async () => {
    const cache = cacheWith([
      [queryKeyOf('decisions.count', { filter: {} }, 1), { count: 4 }],
      [queryKeyOf('decisions.count', { filter: {} }, 2), { count: 9 }],
      [queryKeyOf('workspaces.list', undefined, null), []],
    ]);
    await invalidateChannels(cache, ['decisions.', 'workspaces.'], 2);
    expect(stale(cache, queryKeyOf('decisions.count', { filter: {} }, 2))).toBe(true);
    expect(stale(cache, queryKeyOf('decisions.count', { filter: {} }, 1))).toBe(false);
    expect(stale(cache, queryKeyOf('workspaces.list', undefined, null))).toBe(true);
  });

  it('without a workspace reaches every workspace', async () => {
    const cache = cacheWith([
      [queryKeyOf('agents.list', undefined, 1), []],
      [queryKeyOf('agents.list', undefined, 2), []],
    ]);
    await invalidateChannels(cache, ['agents.']);
    expect(stale(cache, queryKeyOf('agents.list', undefined, 1))).toBe(true);
    expect(stale(cache, queryKeyOf('agents.list', undefined, 2))).toBe(true);
  });
});

describe('pushed events', () => {
  it('refresh only the workspace they happened in, and the switcher’s counts', async () => {
    const { bridge, push } = pushingBridge();
    const cache = cacheWith([
      [queryKeyOf('alerts.list', {}, 1), { items: [] }],
      [queryKeyOf('alerts.list', {}, 2), { items: [] }],
      [queryKeyOf('workspaces.list', undefined, null), []],
      [queryKeyOf('workspaces.exceptions', undefined, null), []],
    ]);
    const stop = followEvents(createAcmConnection(bridge).subscribe, cache);
    push('alert.raised', { alertId: 'a', severity: 'critical' }, 2);
    await Promise.resolve();
    expect(stale(cache, queryKeyOf('alerts.list', {}, 2))).toBe(true);
    expect(stale(cache, queryKeyOf('alerts.list', {}, 1))).toBe(false);
    expect(stale(cache, queryKeyOf('workspaces.list', undefined, null))).toBe(true);
    expect(stale(cache, queryKeyOf('workspaces.exceptions', undefined, null))).toBe(true);
    stop();
  });

  it('the app-wide workspace.changed refreshes the list and that workspace’s account', async () => {
    const { bridge, push } = pushingBridge();
    const cache = cacheWith([
      [queryKeyOf('workspaces.list', undefined, null), []],
      [queryKeyOf('app.info', undefined, 1), { account: { name: 'home' } }],
      [queryKeyOf('app.info', undefined, 3), { account: { name: 'new' } }],
      [queryKeyOf('agents.list', undefined, 3), []],
    ]);
    const stop = followEvents(createAcmConnection(bridge).subscribe, cache);
    push('workspace.changed', { workspaceId: 3 });
    await Promise.resolve();
    expect(stale(cache, queryKeyOf('workspaces.list', undefined, null))).toBe(true);
    expect(stale(cache, queryKeyOf('app.info', undefined, 3))).toBe(true);
    expect(stale(cache, queryKeyOf('app.info', undefined, 1))).toBe(false);
    expect(stale(cache, queryKeyOf('agents.list', undefined, 3))).toBe(false);
    stop();
  });

  it('a clock tick moves the clock of its own workspace, and a new simulated hour refreshes only its KPIs', async () => {
    const { bridge, push } = pushingBridge();
    const HOUR = 3_600_000;
    const info = (now: number) => ({ account: { name: 'x' }, clock: { now, speed: 3600 } });
    const cache = cacheWith([
      [queryKeyOf('app.info', undefined, 1), info(0)],
      [queryKeyOf('app.info', undefined, 2), info(0)],
      [queryKeyOf('monitor.summary', undefined, 1), {}],
      [queryKeyOf('monitor.summary', undefined, 2), {}],
    ]);
    const stop = followEvents(createAcmConnection(bridge).subscribe, cache);
    push('clock.tick', { now: HOUR / 2, speed: 3600 }, 2);
    push('clock.tick', { now: HOUR + 1, speed: 3600 }, 2);
    await Promise.resolve();
    expect(cache.getQueryData(queryKeyOf('app.info', undefined, 2))).toEqual(info(HOUR + 1));
    expect(cache.getQueryData(queryKeyOf('app.info', undefined, 1))).toEqual(info(0));
    expect(stale(cache, queryKeyOf('monitor.summary', undefined, 2))).toBe(true);
    expect(stale(cache, queryKeyOf('monitor.summary', undefined, 1))).toBe(false);
    stop();
  });
});
