import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The session token sits in the page's URL: no other site may frame the page.
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

/** The size of the regular file at `path`, or null when there is none. */
async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Serves the built renderer. A path without a file behind it gets index.html (single-page app
 * routes), except when it names an asset (has an extension), which is an honest 404.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'Method not allowed');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
  } catch {
    return send(res, 400, 'Malformed URL');
  }
  if (pathname.includes('\0')) return send(res, 400, 'Malformed URL');
  const root = normalize(rootDir + sep);
  let path = normalize(join(root, pathname));
  if (!path.startsWith(root)) return send(res, 403, 'Forbidden');
  if (pathname.endsWith('/')) path = join(path, 'index.html');
  let size = await fileSize(path);
  if (size === null) {
    if (extname(pathname) !== '') return send(res, 404, 'Not found');
    path = join(root, 'index.html');
    size = await fileSize(path);
    if (size === null) return send(res, 404, 'The renderer is not built: run `npm run build`');
  }
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(path),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
  };
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path).pipe(res);
}
