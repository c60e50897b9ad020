import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcmError } from '@shared/errors';
import type { ExportDestination, ExportJob } from '../ipc/services';
import { exportFailure } from './export-failure';

/** Where a ticket's file is fetched: `/exports/<ticket>`. */
export const DOWNLOAD_PREFIX = '/exports/';
/** How long a download waits for the browser to fetch it. */
export const DOWNLOAD_TTL_MS = 60_000;

interface Ticket {
  dir: string;
  path: string;
  fileName: string;
  mimeType: string;
  size: number;
  expiry: NodeJS.Timeout;
}

export interface ExportDownloads {
  destination: ExportDestination;
  /** Answers `GET /exports/<ticket>` and returns true, or returns false for any other path. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** Deletes every file not fetched yet. */
  close(): Promise<void>;
}

/** `attachment` with the name as typed (RFC 6266's filename*) and a plain-ASCII fallback for old clients. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/**
 * The headless host's exports: a browser has no save dialog to ask, so the file is written into
 * a private temporary folder and handed out once, as an HTTP download, under a ticket the IPC
 * answer carries: random, good for one fetch, within a minute. The session token never appears
 * in a URL; whoever fetches a ticket was just given it over the token-checked WebSocket.
 */
export function createExportDownloads(options: { ttlMs?: number; tempDir?: string } = {}): ExportDownloads {
  const ttlMs = options.ttlMs ?? DOWNLOAD_TTL_MS;
  const tickets = new Map<string, Ticket>();
  const discard = (ticket: Ticket) => rm(ticket.dir, { recursive: true, force: true });

  function take(id: string): Ticket | undefined {
    const ticket = tickets.get(id);
    if (!ticket) return undefined;
    tickets.delete(id);
    clearTimeout(ticket.expiry);
    return ticket;
  }

  const destination: ExportDestination = {
    async deliver(job) {
      const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'acm-download-'));
      const path = join(dir, job.fileName);
      let written: Awaited<ReturnType<ExportJob['write']>>;
      let size: number;
      try {
        written = await job.write(path);
        ({ size } = await stat(path));
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw exportFailure(job.fileName, error);
      }
      const id = randomBytes(32).toString('base64url');
      const expiry = setTimeout(() => {
        const ticket = take(id);
        if (ticket) void discard(ticket);
      }, ttlMs);
      expiry.unref();
      tickets.set(id, { dir, path, fileName: job.fileName, mimeType: job.mimeType, size, expiry });
      return {
        download: `${DOWNLOAD_PREFIX}${id}`,
        fileName: job.fileName,
        rows: written.rows,
        bytes: size,
        ...(written.digest ? { digest: written.digest } : {}),
      };
    },
    reveal: () => Promise.reject(new AcmError('UNAVAILABLE', 'the browser saved this export: look in its downloads')),
  };

  function serve(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (!pathname.startsWith(DOWNLOAD_PREFIX)) return false;
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      refuse(res, 405, 'Method not allowed');
      return true;
    }
    const ticket = take(pathname.slice(DOWNLOAD_PREFIX.length));
    if (!ticket) {
      refuse(res, 404, 'This download was already fetched or has expired: export again.');
      return true;
    }
    res.writeHead(200, {
      'Content-Type': ticket.mimeType,
      'Content-Length': ticket.size,
      'Content-Disposition': disposition(ticket.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const file = createReadStream(ticket.path);
    file.on('error', () => res.destroy());
    res.on('close', () => void discard(ticket));
    file.pipe(res);
    return true;
  }

  return {
    destination,
    serve,
    async close() {
      const open = [...tickets.keys()].map(take).filter((t): t is Ticket => t !== undefined);
      await Promise.all(open.map(discard));
    },
  };
}
