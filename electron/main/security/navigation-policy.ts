import { isOwnPage, parseUrl, type RendererLocation } from './renderer-location';

/** Navigation of a window is allowed only to our own page; everything else stays out of the app. */
export function isAllowedNavigation(url: string, location: RendererLocation): boolean {
  return isOwnPage(url, location);
}

/**
 * IPC is answered only for frames showing our renderer. A null or missing sender URL
 * (a destroyed or navigated-away frame) is never trusted.
 */
export function isTrustedSender(senderUrl: string | null | undefined, location: RendererLocation): boolean {
  return typeof senderUrl === 'string' && isOwnPage(senderUrl, location);
}

/**
 * Links a user may open in the system browser: plain http(s) with a host and no embedded
 * credentials. Anything else (file:, javascript:, custom schemes that launch local programs)
 * is refused, because openExternal hands the URL to the operating system.
 */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname !== '' && url.username === '' && url.password === '';
}

export type LeaveAppDecision = { allow: true } | { allow: false; openExternally: string | undefined };

/**
 * What to do when the page tries to go somewhere (will-navigate, will-redirect, window.open):
 * stay if it is our page, otherwise refuse, offering safe web links to the system browser
 * (external-links.ts asks the user first). New windows are never created, even for our own page.
 */
export function decideNavigation(url: string, location: RendererLocation, newWindow: boolean): LeaveAppDecision {
  if (!newWindow && isAllowedNavigation(url, location)) return { allow: true };
  const external = !isOwnPage(url, location) && isSafeExternalUrl(url);
  return { allow: false, openExternally: external ? url : undefined };
}

/**
 * Network and file requests (http, https, ws, wss, file) the renderer may make: none in
 * production, where the page comes from our app:// handler and data over IPC; only the dev
 * server (and its HMR socket) in development. This keeps remote content and local files out
 * even if a CSP were bypassed.
 */
export function isAllowedNetworkRequest(raw: string, location: RendererLocation): boolean {
  if (location.kind !== 'dev-server') return false;
  const url = parseUrl(raw);
  if (!url) return false;
  const asHttp = url.protocol === 'ws:' || url.protocol === 'wss:' ? url.href.replace(/^ws/, 'http') : url.href;
  return parseUrl(asHttp)?.origin === location.origin;
}
