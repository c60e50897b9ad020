import type { AppUpdater } from 'electron-updater';
import type { DesktopPreferences, UpdateStatus } from '@shared/ipc/channels/desktop';

/** What the app uses of electron-updater's autoUpdater. */
export type Updater = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'>;

/** How often an app left running looks again, when it checks by itself. */
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export interface UpdatesOptions {
  /**
   * Gives electron-updater's autoUpdater. Called at the first check only: an app whose settings
   * never ask for one (every fresh install, every test) never constructs the updater.
   */
  load: () => Promise<Updater>;
  /** A development build has nothing to replace: it never checks. */
  packaged: boolean;
  onChange: () => void;
  warn: (message: string) => void;
}

export interface Updates {
  readonly status: UpdateStatus;
  /** Takes the feed and the automatic checks from the settings: checks at once when they newly ask for it. */
  configure(settings: Pick<DesktopPreferences, 'updateFeedUrl' | 'checkForUpdates'>): void;
  /** Looks for an update now (downloading it when found) and answers where that left things. */
  checkNow(): Promise<UpdateStatus>;
  /** Quits and installs a downloaded update; false when none is ready. */
  install(): boolean;
  stop(): void;
}

/** Updates from the agency's own server: electron-updater's `generic` provider at the URL the settings name. */
export function createUpdates(options: UpdatesOptions): Updates {
  let status: UpdateStatus = { state: 'idle' };
  let feed = '';
  let automatic = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let updater: Promise<Updater> | undefined;
  let feedOfUpdater = '';

  const set = (next: UpdateStatus): void => {
    status = next;
    options.onChange();
  };

  const loaded = (): Promise<Updater> =>
    (updater ??= options.load().then((loadedUpdater) => {
      // Found updates download at once and install when the app next quits, unless the user restarts sooner.
      loadedUpdater.autoDownload = true;
      loadedUpdater.autoInstallOnAppQuit = true;
      loadedUpdater.logger = {
        info: () => undefined,
        warn: (message: unknown) => options.warn(`updates: ${String(message)}`),
        error: (message: unknown) => options.warn(`updates: ${String(message)}`),
      };
      loadedUpdater.on('checking-for-update', () => set({ state: 'checking' }));
      loadedUpdater.on('update-not-available', () => set({ state: 'up-to-date' }));
      loadedUpdater.on('update-available', (info) => set({ state: 'downloading', version: info.version, percent: 0 }));
      loadedUpdater.on('download-progress', (progress) =>
        set({ state: 'downloading', version: status.version, percent: Math.min(100, Math.max(0, progress.percent)) }),
      );
      loadedUpdater.on('update-downloaded', (event) => set({ state: 'ready', version: event.version }));
      loadedUpdater.on('error', (error) => set({ state: 'error', message: error.message }));
      return loadedUpdater;
    }));

  async function checkNow(): Promise<UpdateStatus> {
    if (!options.packaged) return refuse('updates replace an installed app; this is a development build');
    if (feed === '') return refuse('no update feed is set: enter the address your agency publishes updates at');
    // Already on its way: a second check would download it again.
    if (status.state === 'downloading' || status.state === 'ready' || status.state === 'checking') return status;
    set({ state: 'checking' });
    try {
      const loadedUpdater = await loaded();
      if (feedOfUpdater !== feed) {
        loadedUpdater.setFeedURL({ provider: 'generic', url: feed });
        feedOfUpdater = feed;
      }
      await loadedUpdater.checkForUpdates();
    } catch (error) {
      set({ state: 'error', message: (error as Error).message });
    }
    return status;
  }

  function refuse(message: string): UpdateStatus {
    set({ state: 'error', message });
    return status;
  }

  const checkInBackground = (): void => {
    void checkNow().then((result) => {
      if (result.state === 'error') options.warn(`the automatic update check failed: ${result.message ?? 'unknown error'}`);
    });
  };

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  return {
    get status() {
      return status;
    },
    configure(settings) {
      const wasAutomatic = automatic && feed !== '';
      feed = settings.updateFeedUrl;
      automatic = settings.checkForUpdates;
      const isAutomatic = automatic && feed !== '' && options.packaged;
      if (!isAutomatic) return stop();
      if (timer === undefined) {
        timer = setInterval(checkInBackground, CHECK_EVERY_MS);
        // A timer must not keep a quitting app alive.
        timer.unref?.();
      }
      if (!wasAutomatic || feedOfUpdater !== feed) checkInBackground();
    },
    checkNow,
    install() {
      if (status.state !== 'ready' || !updater) return false;
      void updater.then((loadedUpdater) => loadedUpdater.quitAndInstall());
      return true;
    },
    stop,
  };
}
