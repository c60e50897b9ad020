import { useSyncExternalStore } from 'react';

/**
 * The screens of the app, in navigation order. Hash routes: the host serves one page. The
 * workspace's own screens come first; "All clients" looks across every workspace.
 */
export const ROUTES = [
  { id: 'agents', label: 'Agents' },
  { id: 'monitor', label: 'Monitor' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'experiments', label: 'Experiments' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'clients', label: 'All clients' },
  { id: 'desktop', label: 'Desktop settings' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

const DEFAULT_ROUTE: RouteId = 'monitor';

/** `#/alerts`, or `#/alerts/<element id>` to land on one item of the screen. */
export const hrefOf = (id: RouteId, target?: string): string => (target ? `#/${id}/${encodeURIComponent(target)}` : `#/${id}`);

/** The screen and the item a hash names, e.g. `#/alerts/alert-a1` → alerts, 'alert-a1'. */
export function parseRoute(hash: string): { route: RouteId; target?: string } {
  const [id, target] = hash.replace(/^#\/?/, '').split('/', 2);
  const route = ROUTES.find((r) => r.id === id)?.id ?? DEFAULT_ROUTE;
  return target ? { route, target: decodeURIComponent(target) } : { route };
}

function onHashChange(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

export const useRoute = (): RouteId => useSyncExternalStore(onHashChange, () => parseRoute(window.location.hash).route);

/** The element id the address points at inside the screen, if any. */
export const useRouteTarget = (): string | undefined => useSyncExternalStore(onHashChange, () => parseRoute(window.location.hash).target);
