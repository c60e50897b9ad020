import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AcceleratedClock } from '@shared/time';
import { createDefaultAccount, DEFAULT_SPEED } from './default-account';
import { createIpcServer, type IpcServer } from '../ipc/server';
import { openDatabase } from '../store';
import { defaultKeyPath } from '../store/audit/signing-key';
import { keychainVault, type Sealer } from './keychain-vault';
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
  close(): Promise<void>;
}

/**
 * The same composition as the headless host, with the databases in userData opened through
 * the Electron build of SQLite, the migrations shipped with the app and each audit key sealed
 * by the keychain.
 */
export async function startDesktopServices(paths: DesktopPaths, sealer: Sealer, warn: (message: string) => void): Promise<DesktopServices> {
  const log = (message: string, error?: unknown) =>
    warn(error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const folder = dirname(paths.database);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // The app's own folder holds every client's record: its owner alone may list it.
  if (process.platform !== 'win32') await chmod(folder, 0o700);
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
      createDefaultAccount({
        ...request,
        store,
        log,
        resourcesDir: dirname(paths.scenarios),
        startClock: (startMs) => new AcceleratedClock(startMs, DEFAULT_SPEED),
      }),
    log,
  });
  return { server: createIpcServer(workspaces, { log }), close: () => workspaces.close() };
}
