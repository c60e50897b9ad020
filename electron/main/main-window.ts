import { BrowserWindow, screen } from 'electron';
import { buildMainWindowOptions } from './security/window-options';
import type { RendererLocation } from './security/renderer-location';
import { captureWindowState, mergeWindowState } from './window-state';
import { loadWindowState, saveWindowState } from './window-state-file';

export interface MainWindowSetup {
  title: string;
  preloadPath: string;
  iconPath: string;
  stateFile: string;
  location: RendererLocation;
  warn: (message: string) => void;
}

/** Opens the main window where the user left it, and remembers its place when it closes. */
export async function openMainWindow(setup: MainWindowSetup): Promise<BrowserWindow> {
  const saved = await loadWindowState(setup.stateFile, setup.warn);
  const { bounds, maximized } = mergeWindowState(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow(buildMainWindowOptions({ preloadPath: setup.preloadPath, bounds, title: setup.title, iconPath: setup.iconPath }));
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const state = captureWindowState(window.getNormalBounds(), window.isMaximized());
    saveWindowState(setup.stateFile, state).catch((error: Error) => setup.warn(`could not save window state: ${error.message}`));
  });
  await window.loadURL(setup.location.url);
  return window;
}
