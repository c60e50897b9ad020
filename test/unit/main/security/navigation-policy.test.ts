import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  isAllowedNavigation,
  isAllowedNetworkRequest,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../../electron/main/security/navigation-policy';
import { appLocation, devServerLocation, isOwnPage, isRendererResource } from '../../../../electron/main/security/renderer-location';

const production = appLocation();
const page = 'app://acm/index.html';
/** Where the packaged renderer's files are on disk: trusted by nothing once it is served from app://. */
const builtFile = 'file:///opt/acm/resources/app.asar/out/renderer/index.html';
const dev = devServerLocation('http://localhost:5173/');

describe('trusted IPC senders', () => {
  it('trusts our index.html with any route in its hash', () => {
    expect(isTrustedSender(page, production)).toBe(true);
    expect(isTrustedSender(`${page}#/agents/a1`, production)).toBe(true);
  });

  it('refuses other pages, other hosts, file pages and frames that are gone', () => {
    expect(isTrustedSender('app://acm/other.html', production)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', production)).toBe(false);
    expect(isTrustedSender('app://user@acm/index.html', production)).toBe(false);
    expect(isTrustedSender(builtFile, production)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil/index.html', production)).toBe(false);
    expect(isTrustedSender('https://acm/index.html', production)).toBe(false);
    expect(isTrustedSender('https://example.com/', production)).toBe(false);
    expect(isTrustedSender(null, production)).toBe(false);
    expect(isTrustedSender(undefined, production)).toBe(false);
    expect(isTrustedSender('', production)).toBe(false);
  });

  it('trusts exactly the dev server origin in development', () => {
    expect(isTrustedSender('http://localhost:5173/#/monitor', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isTrustedSender(page, dev)).toBe(false);
  });

  it('refuses a dev server address that is not http(s)', () => {
    expect(() => devServerLocation('file:///etc/passwd')).toThrow(/ELECTRON_RENDERER_URL must be an http\(s\) URL/);
  });
});

describe('navigation and new windows', () => {
  it('stays on our page and refuses any other', () => {
    expect(isAllowedNavigation(`${page}#/timeline`, production)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', production)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', production)).toBe(false);
    expect(isAllowedNavigation(builtFile, production)).toBe(false);
  });

  it('sends web links to the system browser instead of the app window', () => {
    expect(decideNavigation('https://ads.example.com/help', production, false)).toEqual({ allow: false, openExternally: 'https://ads.example.com/help' });
    expect(decideNavigation('https://ads.example.com/help', production, true)).toEqual({ allow: false, openExternally: 'https://ads.example.com/help' });
  });

  it('opens no window at all, not even of our own page', () => {
    expect(decideNavigation(page, production, true)).toEqual({ allow: false, openExternally: undefined });
  });

  it('never hands dangerous schemes to the operating system', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'https://user:pw@example.com/', 'not a url']) {
      expect(isSafeExternalUrl(url)).toBe(false);
      expect(decideNavigation(url, production, true)).toEqual({ allow: false, openExternally: undefined });
    }
  });
});

describe('network requests', () => {
  it('allows none in production', () => {
    expect(isAllowedNetworkRequest('https://cdn.example.com/lib.js', production)).toBe(false);
    expect(isAllowedNetworkRequest('http://localhost:5173/', production)).toBe(false);
    expect(isAllowedNetworkRequest(builtFile, production)).toBe(false);
  });

  it('allows only the dev server and its HMR socket in development', () => {
    expect(isAllowedNetworkRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedNetworkRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedNetworkRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedNetworkRequest('https://example.com/', dev)).toBe(false);
    expect(isAllowedNetworkRequest('file:///etc/passwd', dev)).toBe(false);
  });
});

describe('the renderer location', () => {
  it('is our app:// page in production', () => {
    expect(production).toEqual({ kind: 'app', origin: 'app://acm', url: 'app://acm/index.html' });
    expect(isOwnPage('app://acm/index.html?lang=en#/monitor', production)).toBe(true);
    expect(isOwnPage('app://acm/', production)).toBe(false);
  });

  it('counts every file of the app origin as the renderer, and nothing on disk', () => {
    expect(isRendererResource('app://acm/assets/index-1.js', production)).toBe(true);
    expect(isRendererResource('app://acm/favicon.svg', production)).toBe(true);
    expect(isRendererResource('app://other/assets/index-1.js', production)).toBe(false);
    expect(isRendererResource('file:///opt/acm/resources/app.asar/out/renderer/assets/index-1.js', production)).toBe(false);
    expect(isRendererResource('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRendererResource('app://acm/index.html', dev)).toBe(false);
  });
});
