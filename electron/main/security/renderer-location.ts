/**
 * Where our renderer lives: the electron-vite dev server in development, our own `app://`
 * origin (served from the built files by app-protocol.ts) in production. Every trust decision
 * (IPC senders, navigation, CSP, network requests) is made against this one value.
 */
export type RendererLocation = { kind: 'dev-server'; origin: string; url: string } | { kind: 'app'; origin: string; url: string };

/** The custom scheme of the packaged renderer; registered privileged in app-protocol.ts. */
export const APP_SCHEME = 'app';
/** One fixed host, so the page has a real origin of its own ('self' in the CSP, storage, fetch). */
export const APP_HOST = 'acm';

export function devServerLocation(rawUrl: string): RendererLocation {
  const url = parseUrl(rawUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${JSON.stringify(rawUrl)}`);
  }
  return { kind: 'dev-server', origin: url.origin, url: url.href };
}

export function appLocation(): RendererLocation {
  const origin = `${APP_SCHEME}://${APP_HOST}`;
  return { kind: 'app', origin, url: `${origin}/index.html` };
}

export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** WHATWG URL reports the origin of a custom scheme as "null", so it is compared by scheme and host. */
export function hasOrigin(url: URL, origin: string): boolean {
  return `${url.protocol}//${url.host}` === origin;
}

/** True when `rawUrl` is our own page: same dev-server origin, or exactly our index.html (any hash or query). */
export function isOwnPage(rawUrl: string, location: RendererLocation): boolean {
  const url = parseUrl(rawUrl);
  if (!url) return false;
  if (location.kind === 'dev-server') return hasOrigin(url, location.origin);
  url.hash = '';
  url.search = '';
  return url.href === location.url;
}

/** True for any file the renderer is built from (its page, scripts, styles, assets). */
export function isRendererResource(rawUrl: string, location: RendererLocation): boolean {
  const url = parseUrl(rawUrl);
  return url !== undefined && hasOrigin(url, location.origin);
}
