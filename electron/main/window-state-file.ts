import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseWindowState, type WindowState } from './window-state';

/** Loads the saved window state; a missing file gives the defaults, a broken one a warning and the defaults. */
export async function loadWindowState(file: string, warn: (message: string) => void): Promise<WindowState | undefined> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`could not read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseWindowState(text, file);
  if (parsed.problem) warn(`ignoring saved window state: ${parsed.problem}`);
  return parsed.state;
}

/** Written to a temporary file first, so a crash mid-write never leaves a half file behind. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, file);
}
