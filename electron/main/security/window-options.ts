import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface MainWindowInput {
  preloadPath: string;
  bounds: WindowBounds;
  title: string;
  iconPath?: string;
}

export const MIN_WINDOW_WIDTH = 900;
export const MIN_WINDOW_HEIGHT = 600;

/**
 * The hardened web preferences of every window we open. Written out in full rather than
 * relying on Electron's defaults, so that a default changing in an upgrade cannot weaken
 * them silently, and the security test sees every value.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function buildMainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    title: input.title,
    ...(input.iconPath === undefined ? {} : { icon: input.iconPath }),
    // Shown on ready-to-show, so the user never sees an unpainted white frame.
    show: false,
    backgroundColor: '#111827',
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}
