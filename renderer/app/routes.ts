import { useSyncExternalStore } from 'react';

/** The screens of the app, in navigation order. Hash routes: the host serves one page. */
export const ROUTES = [
  { id: 'agents', label: 'Agents' },
  { id: 'monitor', label: 'Monitor' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'alerts', label: 'Alerts' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

const DEFAULT_ROUTE: RouteId = 'monitor';

export const hrefOf = (id: RouteId): string => `#/${id}`;

function currentRoute(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return ROUTES.find((route) => route.id === id)?.id ?? DEFAULT_ROUTE;
}

function onHashChange(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

export const useRoute = (): RouteId => useSyncExternalStore(onHashChange, currentRoute);
