import type { Protocol, Session } from 'electron';
import { createRendererFileHandler } from './renderer-files';
import { APP_SCHEME, type RendererLocation } from './renderer-location';

/**
 * Makes app:// behave like https for our page; must run before the app is ready.
 * standard: relative URLs resolve and the page gets an origin of its own ('self', storage);
 * secure: a secure context, as https would be; supportFetchAPI: module scripts and fetch()
 * load from it. bypassCSP and corsEnabled stay off: the policy applies in full, and no
 * other origin may read our files.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer folder at the app location, on the session our windows use. */
export function serveRenderer(session: Pick<Session, 'protocol'>, rendererDir: string, location: RendererLocation, csp: string): void {
  session.protocol.handle(APP_SCHEME, createRendererFileHandler({ root: rendererDir, origin: location.origin, headers: { 'Content-Security-Policy': csp } }));
}
