import { pathToFileURL } from 'node:url';

/**
 * Where our renderer lives: the electron-vite dev server in development, the built
 * index.html on disk in production. Every trust decision (IPC senders, navigation, CSP,
 * network requests) is made against this one value.
 */
export type RendererLocation =
  | { kind: 'dev-server'; origin: string; url: string }
  | { kind: 'file'; url: string };

export function devServerLocation(rawUrl: string): RendererLocation {
  const url = parseUrl(rawUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${JSON.stringify(rawUrl)}`);
  }
  return { kind: 'dev-server', origin: url.origin, url: url.href };
}

export function fileLocation(indexHtmlPath: string): RendererLocation {
  return { kind: 'file', url: pathToFileURL(indexHtmlPath).href };
}

export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** True when `rawUrl` is our own page: same dev-server origin, or exactly our index.html (any hash or query). */
export function isOwnPage(rawUrl: string, location: RendererLocation): boolean {
  const url = parseUrl(rawUrl);
  if (!url) return false;
  if (location.kind === 'dev-server') return url.origin === location.origin;
  url.hash = '';
  url.search = '';
  return url.protocol === 'file:' && url.href === location.url;
}

/** True for any file the renderer is built from (its page, scripts, styles, assets). */
export function isRendererResource(rawUrl: string, location: RendererLocation): boolean {
  const url = parseUrl(rawUrl);
  if (!url) return false;
  if (location.kind === 'dev-server') return url.origin === location.origin;
  const folder = location.url.slice(0, location.url.lastIndexOf('/') + 1);
  return url.protocol === 'file:' && url.href.startsWith(folder);
}
