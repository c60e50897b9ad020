import { join } from 'node:path';
import type { App, PowerSaveBlocker } from 'electron';
import type { IpcServer } from '../ipc/server';
import { watchAgentActivity } from './agent-activity';
import { loginItem } from './login-item';
import { createKeepAwake } from './power';
import { openDesktopSettings, type DesktopSettingsControl } from './preferences/desktop-settings';
import { createUpdates, type Updater } from './updates';

export const PREFERENCES_FILE = 'preferences.json';

export interface DesktopSetup {
  settings: DesktopSettingsControl;
  /** This run was started by the login item: the app waits in the tray, its window closed. */
  startedHidden: boolean;
  /** Follows the agents of every workspace the server answers for (the sleep blocker holds while any runs). */
  follow(server: IpcServer): void;
  stop(): void;
}

/**
 * The desktop settings with what they drive: the sleep blocker, the login item and the updater,
 * which is loaded from electron-updater only when a check is due.
 */
export async function setUpDesktop(electron: {
  app: Pick<App, 'isPackaged' | 'getVersion' | 'getPath' | 'setLoginItemSettings' | 'getLoginItemSettings'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  platform: NodeJS.Platform;
  argv: readonly string[];
  warn: (message: string) => void;
}): Promise<DesktopSetup> {
  const { app, warn } = electron;
  const login = loginItem(app, electron.platform);
  const settings = await openDesktopSettings({
    file: join(app.getPath('userData'), PREFERENCES_FILE),
    version: app.getVersion(),
    keepAwake: createKeepAwake(electron.powerSaveBlocker),
    loginItem: login,
    updates: (onChange) => createUpdates({ load: loadAutoUpdater, packaged: app.isPackaged, onChange, warn }),
    warn,
  });
  let stopWatching: (() => void) | undefined;
  return {
    settings,
    startedHidden: login.supported && login.startedAtLogin(electron.argv),
    follow(server) {
      stopWatching?.();
      stopWatching = watchAgentActivity(server, (active) => settings.setAgentsActive(active), warn);
    },
    stop() {
      stopWatching?.();
      settings.stop();
    },
  };
}

/** electron-updater is CommonJS and builds its autoUpdater on first access, for the platform it runs on. */
async function loadAutoUpdater(): Promise<Updater> {
  const { default: electronUpdater } = await import('electron-updater');
  return electronUpdater.autoUpdater;
}
