import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FetchLike } from '@platforms/meta/graph-client';
import { META_GRAPH_BASE } from '@platforms/meta/graph-version';
import { AcceleratedClock } from '@shared/time';
import { createDefaultAccount, DEFAULT_SPEED } from './default-account';
import { createIpcServer, type IpcServer } from '../ipc/server';
import type { DesktopControl } from '../ipc/services';
import { openDatabase } from '../store';
import { defaultKeyPath } from '../store/audit/signing-key';
import { keychainVault, type Sealer } from './keychain-vault';
import { SEALED_FOLDER, sealedVault } from './credentials/sealed-vault';
import { openHostAccount, type HostAccountChoice } from './host-accounts';
import { MetaConnector } from './meta-connect';
import { GoogleConnector } from './google-connect';
import { googleOperatorSource } from './google-operator';
import { diskExportDestination, type SaveLocation } from './export-to-disk';
import { WorkspaceHost } from './workspace-registry';

/** Where the app keeps and finds what the services need (the Electron main resolves them for both layouts). */
export interface DesktopPaths {
  database: string;
  /** The better_sqlite3.node built for Electron's ABI. */
  nativeBinding: string;
  migrations: string;
  scenarios: string;
}

export interface DesktopServices {
  server: IpcServer;
  /** The machine woke from sleep (Electron's powerMonitor `resume`): the agents catch up at once. */
  wake(): void;
  close(): Promise<void>;
}

/** What the app lends the services: the keychain's sealing, and Electron's fetch (it follows the system's proxy settings). */
export interface DesktopPlatform {
  sealer: Sealer;
  fetch: FetchLike;
  /** Whether IPC answers are checked against the contract too: `!app.isPackaged` (see DispatcherOptions). */
  validateResponses: boolean;
  /** The settings of the computer the app runs on (staying awake, start at login, updates), kept by the Electron main. */
  desktop?: DesktopControl;
  /** The save dialog and file manager that Export CSV / Export PDF use. */
  exports: SaveLocation;
  /** Opens Google's consent page in the system browser (Electron's shell.openExternal); without, the dialog shows its address to open. */
  openExternal?: (url: string) => Promise<void>;
}

/**
 * The same composition as the headless host, with the databases in userData opened through
 * the Electron build of SQLite, the migrations shipped with the app, each audit key and every
 * platform token sealed by the keychain, and Meta reached through Electron's network stack.
 */
export async function startDesktopServices(paths: DesktopPaths, platform: DesktopPlatform, warn: (message: string) => void): Promise<DesktopServices> {
  const { sealer } = platform;
  const log = (message: string, error?: unknown) =>
    warn(error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const folder = dirname(paths.database);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // The app's own folder holds every client's record: its owner alone may list it.
  if (process.platform !== 'win32') await chmod(folder, 0o700);
  // The app never reads a token from its environment: the tokens are the ones connected in it.
  const vault = sealedVault(sealer, join(folder, SEALED_FOLDER));
  // The operator's Google OAuth client and developer token, as "Connect Google Ads account" kept them in the vault.
  const operator = googleOperatorSource({ vault });
  const accounts: HostAccountChoice = {
    sandbox: createDefaultAccount,
    meta: { env: {}, keyring: vault, fetch: platform.fetch },
    google: { env: {}, keyring: vault, fetch: platform.fetch, operator: () => operator.credentials() },
    metaClock: (startMs) => new AcceleratedClock(startMs, 1),
  };
  const workspaces = await WorkspaceHost.start(paths.database, {
    openStore: (path) =>
      openDatabase({
        path,
        migrationsFolder: paths.migrations,
        nativeBinding: paths.nativeBinding,
        keyVault: keychainVault(sealer, defaultKeyPath(path), warn),
        // The home file's lock, held while the app runs: a restore refuses to swap the files under it.
        lock: path === paths.database,
      }),
    openAccount: (store, request) =>
      openHostAccount(accounts, {
        ...request,
        store,
        log,
        resourcesDir: dirname(paths.scenarios),
        startClock: (startMs) => new AcceleratedClock(startMs, DEFAULT_SPEED),
      }),
    meta: new MetaConnector({ apiBase: META_GRAPH_BASE, fetch: platform.fetch, vault, log }),
    google: new GoogleConnector({ operator, vault, fetch: platform.fetch, openExternal: platform.openExternal, log }),
    // Webhook URLs and SMTP passwords are sealed beside the Meta tokens.
    notify: { vault },
    exportDestination: diskExportDestination(platform.exports),
    log,
  });
  return {
    server: createIpcServer(workspaces, { log, validateResponses: platform.validateResponses, desktop: platform.desktop }),
    wake: () => workspaces.wake(),
    close: () => workspaces.close(),
  };
}
