import { describe, expect, it } from 'vitest';
import { buildMainWindowOptions, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from '../../../../electron/main/security/window-options';

const options = buildMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: { width: 1200, height: 800 }, title: 'ACM' });

describe('main window options', () => {
  it('isolates the page from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('loads only our preload and enables no extra Blink features', () => {
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('opens hidden at the given bounds, no smaller than the minimum', () => {
    expect(options).toMatchObject({ width: 1200, height: 800, show: false, minWidth: MIN_WINDOW_WIDTH, minHeight: MIN_WINDOW_HEIGHT });
  });
});
