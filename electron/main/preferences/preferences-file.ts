import { readFile, rename, writeFile } from 'node:fs/promises';
import { desktopPreferencesSchema, type DesktopPreferences } from '@shared/ipc/channels/desktop';

export const DEFAULT_PREFERENCES: DesktopPreferences = desktopPreferencesSchema.parse({});

export interface LoadedPreferences {
  preferences: DesktopPreferences;
  /** Why the file could not be used (unreadable, not JSON, a value out of range): the defaults are in force. */
  problem?: string;
}

/**
 * Reads the saved preferences. A missing file is a fresh install; a broken one is reported and
 * the defaults used, so that the app starts whatever the file holds.
 */
export async function loadPreferences(file: string): Promise<LoadedPreferences> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { preferences: DEFAULT_PREFERENCES };
    return { preferences: DEFAULT_PREFERENCES, problem: `could not read ${file}: ${(error as Error).message}` };
  }
  return parsePreferences(text, file);
}

/** The preferences a file's text holds; settings it does not name take their defaults, and names it does not know are dropped. */
export function parsePreferences(text: string, file: string): LoadedPreferences {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { preferences: DEFAULT_PREFERENCES, problem: `${file} is not JSON; the default settings are in force` };
  }
  const parsed = desktopPreferencesSchema.safeParse(json);
  if (parsed.success) return { preferences: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    preferences: DEFAULT_PREFERENCES,
    problem: `${file} holds settings the app cannot use (${where}${issue.message}); the default settings are in force`,
  };
}

/** Written to a temporary file and renamed over the old one: a crash mid-write leaves the old file whole. */
export async function savePreferences(file: string, preferences: DesktopPreferences): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(preferences, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  await rename(temporary, file);
}
