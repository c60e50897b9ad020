import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AcmError } from '@shared/errors';

/** The path Google sends the browser back to; any path works for a loopback client, this one says whose it is. */
const CALLBACK_PATH = '/acm/google-oauth';

/**
 * Where the system browser comes back after consent, for one sign-in: an HTTP server on
 * 127.0.0.1 (never another interface) at a port the system picks, as Google's "loopback IP
 * address" flow for installed apps has it. It takes the first request to its callback path, and
 * is closed after it.
 */
export class LoopbackRedirect {
  private constructor(
    private readonly server: Server,
    readonly redirectUri: string,
  ) {}

  static async open(): Promise<LoopbackRedirect> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new LoopbackRedirect(server, `http://127.0.0.1:${port}${CALLBACK_PATH}`);
  }

  /**
   * The browser's arrival, judged by `accept` (which throws to refuse it: a wrong state, Google's
   * error). The browser is told in a page whether to go back to the app; the app hears what
   * `accept` returned, or its error. An aborted `signal` (the operator cancelled, or gave up
   * waiting) ends it with nothing received.
   */
  receive<T>(accept: (params: URLSearchParams) => T, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let answered = false;
      const onAbort = () => reject(new AcmError('UNAVAILABLE', 'the Google sign-in was cancelled or took too long: nothing was connected'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.server.on('request', (req, res) => {
        req.resume();
        const url = new URL(req.url ?? '/', this.redirectUri);
        // A browser also asks for /favicon.ico and the like: only the callback counts.
        if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return page(res, 404, 'Not found.');
        if (answered || signal.aborted) return page(res, 410, 'This sign-in is over. Start it again from Agentic Campaign Manager.');
        answered = true;
        signal.removeEventListener('abort', onAbort);
        try {
          const accepted = accept(url.searchParams);
          page(res, 200, 'Google answered. You can close this tab and go back to Agentic Campaign Manager.');
          resolve(accepted);
        } catch (error) {
          page(res, 400, 'This sign-in was not completed. Go back to Agentic Campaign Manager to see why, and try connecting again.');
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }

  /**
   * Stops listening at once. A page still on its way to the browser is let finish (it closes its
   * connection itself), and connections a browser keeps open idle are cut, so nothing lingers.
   */
  close(): void {
    this.server.close();
    this.server.closeIdleConnections();
  }
}

function page(res: ServerResponse, status: number, text: string): void {
  const html = `<!doctype html><meta charset="utf-8"><title>Agentic Campaign Manager</title><p>${text}</p>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
    // Nothing on the page needs a script or a request elsewhere.
    'content-security-policy': "default-src 'none'",
    connection: 'close',
  });
  res.end(html);
}
