import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentUserData, resolveAppPaths } from '../../../electron/main/app-paths';

const runtime = {
  resourcesPath: '/opt/acm/resources',
  appPath: '/home/dev/acm',
  userData: '/home/user/.config/Agentic Campaign Manager',
  electronVersion: '45.4.1',
  platform: 'linux' as const,
  arch: 'x64',
};

describe('app paths', () => {
  it('keeps the database and window state in userData', () => {
    const paths = resolveAppPaths({ ...runtime, packaged: true });
    expect(paths.database).toBe(join(runtime.userData, 'acm.db'));
    expect(paths.windowState).toBe(join(runtime.userData, 'window-state.json'));
  });

  it('loads SQLite, migrations and icons from the resources of the packaged app', () => {
    const paths = resolveAppPaths({ ...runtime, packaged: true });
    expect(paths.nativeBinding).toBe(join('/opt/acm/resources', 'native', 'better_sqlite3.node'));
    expect(paths.migrations).toBe(join('/opt/acm/resources', 'migrations'));
    expect(paths.trayIcon).toBe(join('/opt/acm/resources', 'tray', 'tray.png'));
  });

  it('uses the Electron build of SQLite for this Electron version in development, never the Node one', () => {
    const paths = resolveAppPaths({ ...runtime, packaged: false });
    expect(paths.nativeBinding).toBe(join('/home/dev/acm', 'node_modules', '.acm-electron-sqlite', '45.4.1-linux-x64', 'better_sqlite3.node'));
    expect(paths.nativeBinding).not.toContain(join('better-sqlite3', 'build'));
    expect(paths.migrations).toBe(join('/home/dev/acm', 'electron', 'store', 'migrations'));
  });

  it("gives a development build a data folder of its own, so that it never migrates the installed app's database", () => {
    const appData = '/home/user/.config';
    const name = 'Agentic Campaign Manager';
    expect(developmentUserData({ packaged: false, appData, name })).toBe(join(appData, 'Agentic Campaign Manager (development)'));
    expect(developmentUserData({ packaged: true, appData, name })).toBeUndefined();
    const development = resolveAppPaths({ ...runtime, packaged: false, userData: developmentUserData({ packaged: false, appData, name })! });
    expect(development.database).toBe(join(appData, 'Agentic Campaign Manager (development)', 'acm.db'));
    expect(development.database).not.toBe(resolveAppPaths({ ...runtime, packaged: true }).database);
  });
});
