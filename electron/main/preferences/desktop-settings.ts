import { AcmError } from '@shared/errors';
import { desktopPreferencesSchema, type DesktopPreferences, type DesktopSettings } from '@shared/ipc/channels/desktop';
import type { DesktopControl } from '../../ipc/services';
import type { LoginItem } from '../login-item';
import type { KeepAwake } from '../power';
import type { Updates } from '../updates';
import { loadPreferences, savePreferences } from './preferences-file';

export interface DesktopSettingsDeps {
  /** The preferences file in userData. */
  file: string;
  version: string;
  keepAwake: KeepAwake;
  loginItem: LoginItem;
  /** Builds the updater's side, given what to call when its state moves on. */
  updates: (onChange: () => void) => Updates;
  warn: (message: string) => void;
}

export interface DesktopSettingsControl extends DesktopControl {
  readonly preferences: DesktopPreferences;
  /** Whether any agent runs now (from the host's events): the sleep blocker follows it. */
  setAgentsActive(active: boolean): void;
  /** Releases the blocker and stops the update checks (quitting). */
  stop(): void;
}

/**
 * The settings of the computer the app runs on: read from their file (a broken one is reported,
 * and the defaults used), applied at start, and each change saved and applied at once.
 */
export async function openDesktopSettings(deps: DesktopSettingsDeps): Promise<DesktopSettingsControl> {
  const loaded = await loadPreferences(deps.file);
  let preferences = loaded.preferences;
  let problem = loaded.problem;
  if (problem) deps.warn(problem);
  let agentsActive = false;
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  const updates = deps.updates(changed);

  const view = (): DesktopSettings => ({
    preferences,
    version: deps.version,
    update: updates.status,
    loginItemSupported: deps.loginItem.supported,
    ...(problem === undefined ? {} : { problem }),
  });
  const applyKeepAwake = (): void => deps.keepAwake.update({ enabled: preferences.keepAwake, agentsActive });

  updates.configure(preferences);

  return {
    get preferences() {
      return preferences;
    },
    settings: view,
    async save(patch) {
      if (patch.openAtLogin === true && !deps.loginItem.supported) {
        throw new AcmError('INVALID_INPUT', "this system does not let apps start at login; add the app to your desktop's autostart instead", {
          path: 'openAtLogin',
        });
      }
      const next = desktopPreferencesSchema.parse({ ...preferences, ...patch });
      try {
        await savePreferences(deps.file, next);
      } catch (error) {
        throw new AcmError('UNAVAILABLE', `could not save the settings: ${(error as Error).message}`, { cause: error });
      }
      const before = preferences;
      preferences = next;
      problem = undefined;
      applyKeepAwake();
      if (next.openAtLogin !== before.openAtLogin) deps.loginItem.set(next.openAtLogin);
      updates.configure(next);
      changed();
      return view();
    },
    async checkForUpdates() {
      await updates.checkNow();
      return view();
    },
    installUpdate() {
      if (!updates.install()) throw new AcmError('CONFLICT', 'no update is ready to install');
      return { restarting: true };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAgentsActive(active) {
      agentsActive = active;
      applyKeepAwake();
    },
    stop() {
      deps.keepAwake.release();
      updates.stop();
    },
  };
}
