import type { App } from 'electron';

/** The argument Windows starts the app with at login, so that it opens hidden in the tray. */
export const HIDDEN_AT_LOGIN = '--hidden';

export interface LoginItem {
  /** macOS and Windows register login items; Linux desktops have no API Electron reaches. */
  readonly supported: boolean;
  set(openAtLogin: boolean): void;
  /** Whether this run was started by the login item: the window then stays closed and the app waits in the tray. */
  startedAtLogin(argv: readonly string[]): boolean;
}

export function loginItem(app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>, platform: NodeJS.Platform): LoginItem {
  const supported = platform === 'darwin' || platform === 'win32';
  return {
    supported,
    set(openAtLogin) {
      if (!supported) return;
      // macOS has no "hidden" login item since 13 (openAsHidden is gone): the app tells a login start from `wasOpenedAtLogin`.
      app.setLoginItemSettings(platform === 'win32' ? { openAtLogin, args: [HIDDEN_AT_LOGIN] } : { openAtLogin });
    },
    startedAtLogin(argv) {
      if (platform === 'win32') return argv.includes(HIDDEN_AT_LOGIN);
      if (platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
      return false;
    },
  };
}
