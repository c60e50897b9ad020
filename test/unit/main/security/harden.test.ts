import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardAllWebContents, guardWebContents, hardenSession, type HardenContext } from '../../../../electron/main/security/harden';
import { appLocation } from '../../../../electron/main/security/renderer-location';

/** The permission handlers as the session calls them. */
type RequestHandler = (webContents: object, permission: string, callback: (granted: boolean) => void) => void;
type CheckHandler = (webContents: object, permission: string, origin: string) => boolean;
type DeviceHandler = (details: { deviceType: string }) => boolean;
type Listener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: object) => void) => void;

function context() {
  const opened: string[] = [];
  const warnings: string[] = [];
  const ctx: HardenContext = {
    location: appLocation(),
    csp: "default-src 'self'",
    openExternal: (url) => void opened.push(url),
    warn: (message) => void warnings.push(message),
  };
  return { ctx, opened, warnings };
}

function fakeSession() {
  const hooks: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler; headers?: Listener; before?: Listener; filter?: unknown } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (hooks.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (hooks.check = handler),
    setDevicePermissionHandler: (handler: DeviceHandler) => void (hooks.device = handler),
    webRequest: {
      onHeadersReceived: (listener: Listener) => void (hooks.headers = listener),
      onBeforeRequest: (filter: unknown, listener: Listener) => {
        hooks.filter = filter;
        hooks.before = listener;
      },
    },
  };
  return { session, hooks };
}

const answer = (listener: Listener | undefined, details: Parameters<Listener>[0]) =>
  new Promise<Record<string, unknown>>((resolve) => listener?.(details, (response) => resolve(response as Record<string, unknown>)));

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  /** Emits like Electron: returns whether a listener called preventDefault. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session as never, context().ctx);
    const grants: boolean[] = [];
    hooks.request?.({}, 'media', (granted: boolean) => grants.push(granted));
    hooks.request?.({}, 'notifications', (granted: boolean) => grants.push(granted));
    expect(grants).toEqual([false, false]);
    expect(hooks.check?.({}, 'clipboard-read', 'file://')).toBe(false);
    expect(hooks.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('puts the CSP on our renderer files only', async () => {
    const { session, hooks } = fakeSession();
    hardenSession(session as never, context().ctx);
    const ours = await answer(hooks.headers, { url: 'app://acm/assets/index-1.js', responseHeaders: {} });
    expect(ours.responseHeaders).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
    expect(await answer(hooks.headers, { url: 'file:///app/out/renderer/index.html', responseHeaders: {} })).toEqual({});
    expect(await answer(hooks.headers, { url: 'https://elsewhere.example/page.html', responseHeaders: {} })).toEqual({});
  });

  it('cancels every network request of the packaged app', async () => {
    const { session, hooks } = fakeSession();
    const { ctx, warnings } = context();
    hardenSession(session as never, ctx);
    expect(hooks.filter).toEqual({ urls: expect.arrayContaining(['https://*/*', 'wss://*/*', 'file:///*']) });
    expect(await answer(hooks.before, { url: 'https://tracker.example/pixel.gif' })).toEqual({ cancel: true });
    expect(await answer(hooks.before, { url: 'file:///etc/passwd' })).toEqual({ cancel: true });
    expect(warnings).toEqual(['blocked network request to https://tracker.example/pixel.gif', 'blocked network request to file:///etc/passwd']);
  });
});

describe('web contents guard', () => {
  it('keeps the window on our page and sends web links to the browser', () => {
    const contents = new FakeContents();
    const { ctx, opened } = context();
    guardWebContents(contents as never, ctx);
    expect(contents.attempt('will-navigate', 'app://acm/index.html#/alerts')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://docs.example.com/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(opened).toEqual(['https://docs.example.com/']);
  });

  it('refuses redirects away from our page without opening them', () => {
    const contents = new FakeContents();
    const { ctx, opened } = context();
    guardWebContents(contents as never, ctx);
    expect(contents.attempt('will-redirect', 'https://elsewhere.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(contents.attempt('will-redirect', 'app://acm/index.html')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('denies every new window, opening safe links externally', () => {
    const contents = new FakeContents();
    const { ctx, opened } = context();
    guardWebContents(contents as never, ctx);
    expect(contents.openHandler?.({ url: 'https://example.com/report' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://acm/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/report']);
  });

  it('blocks webviews in any web contents the app creates', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as never, context().ctx);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.attempt('will-attach-webview', 'https://example.com/')).toBe(true);
    expect(contents.openHandler).toBeDefined();
  });
});
