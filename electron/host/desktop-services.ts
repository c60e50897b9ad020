import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AcceleratedClock } from '@shared/time';
import { composeApp } from './compose';
import { createDecisionExporter } from './decision-exporter';
import { createDefaultAccount, DEFAULT_SPEED } from './default-account';
import type { IpcServer } from '../ipc/server';
import { openDatabase } from '../store';
import { defaultKeyPath } from '../store/audit/signing-key';
import { keychainVault, type Sealer } from './keychain-vault';

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
 * The same composition as the headless host, with the database in userData opened through
 * the Electron build of SQLite and the migrations shipped with the app.
 */
export async function startDesktopServices(paths: DesktopPaths, sealer: Sealer, warn: (message: string) => void): Promise<DesktopServices> {
  const log = (message: string, error?: unknown) =>
    warn(error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const folder = dirname(paths.database);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // The app's own folder holds every client's record: its owner alone may list it.
  if (process.platform !== 'win32') await chmod(folder, 0o700);
  const store = openDatabase({
    path: paths.database,
    migrationsFolder: paths.migrations,
    nativeBinding: paths.nativeBinding,
    keyVault: keychainVault(sealer, defaultKeyPath(paths.database), warn),
  });
  try {
    const account = await createDefaultAccount({
      resourcesDir: dirname(paths.scenarios),
      startClock: (startMs) => new AcceleratedClock(startMs, DEFAULT_SPEED),
    });
    const app = await composeApp(store, account, log, { exporter: createDecisionExporter(store, account.name) });
    return {
      server: app.ipc,
      async close() {
        await app.close();
        store.close();
        await account.close?.();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
