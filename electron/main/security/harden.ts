import type { App, Session, WebContents } from 'electron';
import { withContentSecurityPolicy } from './content-security-policy';
import { decideNavigation, isAllowedNavigation, isAllowedNetworkRequest } from './navigation-policy';
import { isRendererResource, type RendererLocation } from './renderer-location';

export interface HardenContext {
  location: RendererLocation;
  csp: string;
  /** Given a link the page tried to leave to; the user decides whether the system browser opens it (external-links.ts). */
  openExternal: (url: string) => void;
  warn: (message: string) => void;
}

/** Permissions, CSP and the network guard for the session our windows use. */
export function hardenSession(session: Session, ctx: HardenContext): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    ctx.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isRendererResource(details.url, ctx.location)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, ctx.csp) });
  });

  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (details, callback) => {
    const allowed = isAllowedNetworkRequest(details.url, ctx.location);
    if (!allowed) ctx.warn(`blocked network request to ${details.url}`);
    callback({ cancel: !allowed });
  });
}

/** Navigation, redirects, new windows and webviews of one web contents. */
export function guardWebContents(contents: WebContents, ctx: HardenContext): void {
  const leave = (url: string, newWindow: boolean): boolean => {
    const decision = decideNavigation(url, ctx.location, newWindow);
    if (decision.allow) return true;
    if (decision.openExternally) ctx.openExternal(decision.openExternally);
    else ctx.warn(`blocked ${newWindow ? 'new window' : 'navigation'} to ${url}`);
    return false;
  };
  contents.on('will-navigate', (event) => {
    if (!leave(event.url, false)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, ctx.location)) return;
    ctx.warn(`blocked redirect to ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    ctx.warn('blocked a <webview>');
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    leave(url, true);
    return { action: 'deny' };
  });
}

/** Guards every web contents the app ever creates, including ones we did not open ourselves. */
export function guardAllWebContents(app: App, ctx: HardenContext): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, ctx));
}
