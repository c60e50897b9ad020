import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. The Node build in
 * node_modules/better-sqlite3/build (used by tests, the `acm` command and the headless host)
 * is never touched: the Electron copy has its own folder per Electron version and platform,
 * and the main process hands it to better-sqlite3 as `nativeBinding`.
 */
export const ELECTRON_SQLITE_FILE = 'better_sqlite3.node';
export const ELECTRON_SQLITE_CACHE = join('node_modules', '.acm-electron-sqlite');
/** Staged here for packaging; electron-builder ships it as resources/native/ (extraResources). */
export const PACKAGED_NATIVE_DIR = 'native';
export const STAGING_DIR = join('out', PACKAGED_NATIVE_DIR);

export interface NativeTarget {
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export function electronSqlitePath(projectRoot: string, target: NativeTarget): string {
  return join(projectRoot, ELECTRON_SQLITE_CACHE, `${target.electronVersion}-${target.platform}-${target.arch}`, ELECTRON_SQLITE_FILE);
}

export interface RuntimeInfo extends NativeTarget {
  packaged: boolean;
  /** process.resourcesPath of the packaged app. */
  resourcesPath: string;
  /** app.getAppPath(): the project root under `electron-vite dev`. */
  appPath: string;
}

/** The better-sqlite3 addon the running Electron app must load. */
export function resolveNativeBinding(runtime: RuntimeInfo): string {
  if (runtime.packaged) return join(runtime.resourcesPath, PACKAGED_NATIVE_DIR, ELECTRON_SQLITE_FILE);
  return electronSqlitePath(runtime.appPath, runtime);
}
