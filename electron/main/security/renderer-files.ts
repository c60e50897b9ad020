import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { contentTypeOf } from '@host/content-types';
import { hasOrigin, parseUrl } from './renderer-location';

type ResolvedRendererPath = { path: string } | { status: 400 | 403 };

/**
 * The file inside `root` that `rawUrl` names, or why there is none. Each path segment is
 * decoded on its own and must be a plain file name: an encoded slash or backslash, `.`/`..`,
 * an empty segment (`//etc/passwd`) or a NUL is refused rather than normalised, so no
 * spelling of a URL can reach outside the folder.
 */
function resolveRendererPath(rawUrl: string, root: string, origin: string): ResolvedRendererPath {
  const url = parseUrl(rawUrl);
  if (!url) return { status: 400 };
  if (!hasOrigin(url, origin)) return { status: 403 };
  const segments: string[] = [];
  for (const raw of url.pathname.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { status: 403 };
    segments.push(segment);
  }
  const path = join(root, ...segments);
  const inside = relative(root, path);
  // Belt and braces for platform path rules the segment check does not know (drive letters, UNC).
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { status: 403 };
  return { path };
}

export interface RendererFilesOptions {
  /** The built renderer folder (out/renderer); nothing outside it is ever read. */
  root: string;
  /** The only origin answered, e.g. app://acm. */
  origin: string;
  /** Headers every file is served with (the Content-Security-Policy). */
  headers: Record<string, string>;
}

const refusal = (status: number) => new Response(null, { status });

/** A protocol.handle handler serving the built renderer's files, read-only, with their MIME types. */
export function createRendererFileHandler(options: RendererFilesOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    const resolved = resolveRendererPath(request.url, options.root, options.origin);
    if ('status' in resolved) return refusal(resolved.status);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await readFile(resolved.path));
    } catch {
      return refusal(404);
    }
    const headers = { ...options.headers, 'Content-Type': contentTypeOf(resolved.path), 'X-Content-Type-Options': 'nosniff' };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
