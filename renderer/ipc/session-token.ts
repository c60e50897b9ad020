const STORAGE_KEY = 'acm.session-token';

/**
 * The headless host prints `http://127.0.0.1:PORT/#token=...`. The token is moved out of the
 * address bar (so it is not shared by copying the URL or kept in history) into this tab's
 * session storage, where a reload still finds it.
 */
export function takeSessionToken(location: Location, history: History, storage: Storage): string | null {
  const match = /^#token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    storage.setItem(STORAGE_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return match[1];
  }
  return storage.getItem(STORAGE_KEY);
}
