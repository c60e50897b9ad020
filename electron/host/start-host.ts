import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AcceleratedClock } from '@shared/time';
import { openDatabase } from '../store';
import { createIpcServer } from '../ipc/server';
import { META_GRAPH_BASE } from '@platforms/meta/graph-version';
import { osKeyring } from './credentials/keyring';
import { META_TOKEN_ENV } from './credentials/meta-token';
import { keyringVault } from './credentials/vault';
import { createDefaultAccount, DEFAULT_SPEED, type AccountFactory, type AccountRequest } from './default-account';
import { openHostAccount, type HostAccountChoice, type HostPlatform } from './host-accounts';
import type { GoogleConnectOptions } from './google-account';
import type { MetaConnectOptions } from './meta-account';
import { MetaConnector } from './meta-connect';
import { GoogleConnector } from './google-connect';
import { googleOperatorSource } from './google-operator';
import type { NotifySetup } from './notify/notifier';
import { WorkspaceHost } from './workspace-registry';

export { DEFAULT_SPEED };
import { DEFAULT_RENDERER_DIR, ensureRendererBuilt } from './renderer-build';
import { createSessionToken, hostHeaderAllowed } from './session-guard';
import { serveStatic } from './static-files';
import { createExportDownloads } from './export-downloads';
import { attachWebSocketTransport } from './ws-transport';

/** The host listens on the loopback interface only: it is a local app, never a network service. */
export const HOST_ADDRESS = '127.0.0.1';
export const DEFAULT_PORT = 5317;
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface HostOptions {
  /** 0 picks any free port. */
  port?: number;
  /** The SQLite file; without one the record lives in memory and ends with the host. */
  databasePath?: string;
  scenarioPath?: string;
  speed?: number;
  /** Opens a workspace's sandbox account; the built-in one by default. */
  createAccount?: AccountFactory;
  /** The home workspace's platform on a new database (the sandbox by default); on one already connected, what it must be. */
  platform?: HostPlatform;
  /** How Meta is reached and where its token is found (ACM_META_TOKEN, then the OS keyring, by default). */
  meta?: Partial<MetaConnectOptions>;
  /** How Google Ads is reached and where its credentials are found (ACM_GOOGLE_* in the environment, then the OS keyring, by default). */
  google?: Partial<GoogleConnectOptions>;
  /** Builds every account's clock, in place of one running at `speed` (tests share one clock with a fake platform). */
  startClock?: AccountRequest['startClock'];
  /** The built renderer; built first when it is missing. */
  rendererDir?: string;
  maxMessageBytes?: number;
  log?: (message: string, error?: unknown) => void;
  /** This run's scripted channels (--notify-webhook, --smtp) and how messages leave; the channels' secrets are kept in the OS keyring. */
  notify?: Omit<NotifySetup, 'vault'>;
}

export interface RunningHost {
  /** Open this in a browser: it carries the session token in its hash. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${HOST_ADDRESS} is already in use; choose another with --port`) : error);
    });
    server.listen(port, HOST_ADDRESS, () => resolve((server.address() as AddressInfo).port));
  });
}

function checkOptions(port: number, speed: number, maxMessageBytes: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) throw new RangeError(`maxMessageBytes must be a positive integer, got ${maxMessageBytes}`);
}

/** The headless host: the renderer over HTTP and the IPC contract over a WebSocket, on 127.0.0.1. */
export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const port = options.port ?? DEFAULT_PORT;
  const speed = options.speed ?? DEFAULT_SPEED;
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const log = options.log ?? ((message: string, error?: unknown) => (error === undefined ? console.error(message) : console.error(message, error)));
  checkOptions(port, speed, maxMessageBytes);
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  await ensureRendererBuilt(rendererDir, log);

  const clockAt = (pace: number) => options.startClock ?? ((startMs: number) => new AcceleratedClock(startMs, pace));
  const meta: MetaConnectOptions = { env: process.env, keyring: osKeyring(), ...options.meta };
  const googleBase: GoogleConnectOptions = { env: process.env, keyring: meta.keyring, ...options.google };
  // The operator's OAuth client: ACM_GOOGLE_CLIENT_ID/_SECRET when set, else the one "Connect Google Ads account" kept in the keyring.
  const operator = googleOperatorSource({ vault: keyringVault(googleBase.keyring), env: googleBase.env, accessLevel: googleBase.accessLevel });
  const google: GoogleConnectOptions = { operator: () => operator.credentials(), ...googleBase };
  const accounts: HostAccountChoice = {
    platform: options.platform,
    sandbox: options.createAccount ?? createDefaultAccount,
    meta,
    google,
    // A Meta or Google account runs in real time unless a speed was asked for (to keep pace with a fake's).
    metaClock: clockAt(options.speed ?? 1),
  };
  // A browser has no save dialog: exports are handed to it as one-time downloads.
  const downloads = createExportDownloads();
  const workspaces = await WorkspaceHost.start(
    options.databasePath ?? ':memory:',
    {
      openStore: (path) => openDatabase({ path, lock: path === options.databasePath }),
      openAccount: (store, request) => openHostAccount(accounts, { ...request, store, log, startClock: clockAt(speed) }),
      meta: new MetaConnector({
        apiBase: meta.apiBase ?? META_GRAPH_BASE,
        fetch: meta.fetch ?? ((url, init) => fetch(url, init)),
        vault: keyringVault(meta.keyring),
        envToken: meta.env[META_TOKEN_ENV]?.trim(),
        log,
      }),
      // No openExternal: the page may be a browser anywhere on this computer, so the consent page's address goes back to it to open.
      google: new GoogleConnector({
        operator,
        vault: keyringVault(google.keyring),
        apiBase: google.apiBase,
        oauthEndpoints: google.oauthEndpoints,
        fetch: google.fetch,
        log,
      }),
      notify: { vault: keyringVault(meta.keyring), ...options.notify },
      exportDestination: downloads.destination,
      log,
    },
    { scenarioPath: options.scenarioPath },
  );
  const ipc = createIpcServer(workspaces, { log });
  const shutdown = () => Promise.all([workspaces.close(), downloads.close()]).then(() => undefined);
  const token = createSessionToken();
  let origin = '';

  const server = createServer((req, res) => {
    if (!hostHeaderAllowed(req, new URL(origin).host)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Unexpected Host header');
    }
    if (downloads.serve(req, res)) return;
    serveStatic(req, res, rendererDir).catch((error: unknown) => {
      log('failed to serve a static file', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const transport = attachWebSocketTransport(server, { ipc, token, origin: () => origin, maxMessageBytes, log });

  let boundPort: number;
  try {
    boundPort = await listen(server, port);
  } catch (error) {
    await shutdown();
    throw error;
  }
  origin = `http://${HOST_ADDRESS}:${boundPort}`;

  return {
    url: `${origin}/#token=${token}`,
    port: boundPort,
    token,
    async close() {
      transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await shutdown();
    },
  };
}
