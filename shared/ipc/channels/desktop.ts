import { z } from 'zod';
import { channel, event } from '../define';

const noArguments = z.object({}).strict();

/** Where an agency publishes its builds (electron-builder's `generic` provider); empty means the app never looks for updates. */
export const updateFeedUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((url) => url === '' || isHttpsUrl(url), 'must be an https:// address, such as https://updates.agency.com/acm/');

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * The app's settings of the computer it runs on, kept in a file beside the databases. Every one
 * is off by default: a fresh install, and every test, neither holds the machine awake, nor starts
 * with the session, nor reaches out to an update server.
 */
export const desktopPreferencesSchema = z.object({
  /** Keeps the computer from sleeping while any agent of any workspace is active. */
  keepAwake: z.boolean().default(false),
  /** Starts the app, hidden in the tray, when the user logs in. */
  openAtLogin: z.boolean().default(false),
  updateFeedUrl: updateFeedUrlSchema.default(''),
  /** Looks for an update at start and every few hours, when a feed is set. */
  checkForUpdates: z.boolean().default(false),
});
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>;

/** The settings a save names, and only those: zod's `.partial()` would fill the others with their defaults. */
export const desktopPreferencesPatchSchema = z
  .object({ keepAwake: z.boolean(), openAtLogin: z.boolean(), updateFeedUrl: updateFeedUrlSchema, checkForUpdates: z.boolean() })
  .partial()
  .strict();
export type DesktopPreferencesPatch = z.infer<typeof desktopPreferencesPatchSchema>;

export const UPDATE_STATES = ['idle', 'checking', 'up-to-date', 'downloading', 'ready', 'error'] as const;

/** Where the updater stands: `version` is the update's when one is found; `message` says why a check failed. */
export const updateStatusSchema = z.object({
  state: z.enum(UPDATE_STATES),
  version: z.string().optional(),
  /** Percent downloaded, while downloading. */
  percent: z.number().min(0).max(100).optional(),
  message: z.string().optional(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const desktopSettingsSchema = z.object({
  preferences: desktopPreferencesSchema,
  /** The version running now. */
  version: z.string(),
  update: updateStatusSchema,
  /** Whether this system lets the app start at login (macOS and Windows do). */
  loginItemSupported: z.boolean(),
  /** Why the saved preferences could not be read, when they could not: the defaults are in force. */
  problem: z.string().optional(),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

/**
 * The app's settings of this computer: they exist in the desktop app only; `acm serve` answers
 * every call with UNAVAILABLE.
 */
export const desktopChannels = {
  'desktop.settings': channel(noArguments, desktopSettingsSchema),
  /** Changes the settings named; each takes effect at once (the sleep blocker, the login item, the update checks). */
  'desktop.saveSettings': channel(desktopPreferencesPatchSchema, desktopSettingsSchema),
  /** "Check now": looks for an update at once (downloading it when found); the answer is the state it reached. */
  'desktop.checkForUpdates': channel(noArguments, desktopSettingsSchema),
  /** Quits and installs a downloaded update; CONFLICT when none is ready. */
  'desktop.installUpdate': channel(noArguments, z.object({ restarting: z.boolean() })),
};

export const desktopEvents = {
  /** A setting changed, or the updater moved on (found, downloaded, failed): the settings screen refetches. */
  'desktop.changed': event(z.object({})),
};

/** The updater's state in words, as the settings screen and the Help menu say it. */
export function describeUpdate(update: UpdateStatus, currentVersion: string): string {
  switch (update.state) {
    case 'idle':
      return `Version ${currentVersion}; not checked for updates yet.`;
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Up to date (version ${currentVersion}).`;
    case 'downloading':
      return `Update ${update.version ?? ''} downloading${update.percent === undefined ? '' : ` (${Math.round(update.percent)}%)`}…`.replace('  ', ' ');
    case 'ready':
      return `Update ${update.version ?? ''} is ready: restart to install it.`.replace('  ', ' ');
    case 'error':
      return `Could not check for updates: ${update.message ?? 'unknown error'}`;
  }
}
