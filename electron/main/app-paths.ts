import { join } from 'node:path';
import { resolveNativeBinding, type RuntimeInfo } from './native/native-paths';

export interface AppPaths {
  database: string;
  windowState: string;
  nativeBinding: string;
  /** SQL migrations (electron/store/migrations), shipped as resources/migrations when packaged. */
  migrations: string;
  /** Bundled example scenarios. */
  scenarios: string;
  icon: string;
  trayIcon: string;
}

/**
 * The data folder of a development build (`app.isPackaged` false): `<appData>/<name> (development)`,
 * beside the installed app's `<appData>/<name>`, so that a development migration never upgrades
 * the operator's real database. A packaged app keeps Electron's own (undefined here).
 */
export function developmentUserData(runtime: { packaged: boolean; appData: string; name: string }): string | undefined {
  return runtime.packaged ? undefined : join(runtime.appData, `${runtime.name} (development)`);
}

/**
 * Every file the app reads or writes, for both layouts: the project tree under
 * `electron-vite dev`, and the packaged app whose resources electron-builder puts in
 * process.resourcesPath (see the "build" section of package.json).
 */
export function resolveAppPaths(runtime: RuntimeInfo & { userData: string }): AppPaths {
  const resource = (packaged: string, source: string) => (runtime.packaged ? join(runtime.resourcesPath, packaged) : join(runtime.appPath, source));
  return {
    database: join(runtime.userData, 'acm.db'),
    windowState: join(runtime.userData, 'window-state.json'),
    nativeBinding: resolveNativeBinding(runtime),
    migrations: resource('migrations', join('electron', 'store', 'migrations')),
    scenarios: resource('scenarios', join('resources', 'scenarios')),
    icon: resource(join('icons', 'icon.png'), join('resources', 'icons', 'icon.png')),
    trayIcon: resource(join('tray', 'tray.png'), join('resources', 'tray', 'tray.png')),
  };
}
