import { resolve } from 'node:path';
import { ELECTRON_LINK_CHANNEL } from '@shared/ipc/bridge';
import { DEEP_LINK_SCHEME, parseDeepLink } from '@shared/notify/deep-link';
import type { EventTarget } from './ipc-binding';

/** The `acm://` argument of a command line: how Windows and Linux hand the app a link, at launch or to the running instance. */
export function linkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
}

/**
 * Makes the app the handler of `acm://`. A development build runs as `electron <app>`, so the
 * operating system must be told to start Electron with the app's folder before the link.
 */
export function registerLinkScheme(
  app: { setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean },
  running: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
  warn: (message: string) => void,
): void {
  const registered =
    running.defaultApp && running.argv[1] !== undefined
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, running.execPath, [resolve(running.argv[1])])
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) warn(`could not register the app for ${DEEP_LINK_SCHEME}:// links: links in Slack and e-mail will not open it`);
}

export interface LinkRouter {
  /** A link from the operating system: checked, then shown in the window (once there is one). */
  open(url: string): void;
  /** The app is up: links that came before go to the window now, later ones at once. */
  attach(window: () => Promise<EventTarget | undefined>): void;
}

/**
 * Hands `acm://` links to the window. Only the shapes the notifications write are passed on;
 * anything else is dropped with a warning, so a crafted link can do no more than open an item.
 */
export function createLinkRouter(warn: (message: string) => void): LinkRouter {
  let window: (() => Promise<EventTarget | undefined>) | undefined;
  // Only the last link before the window is up matters: the window can show one item.
  let pending: string | undefined;

  const deliver = async (url: string) => {
    const target = await window?.();
    if (target && !target.isDestroyed()) target.send(ELECTRON_LINK_CHANNEL, url);
    else warn(`no window to open ${url} in`);
  };
  const send = (url: string) => void deliver(url).catch((error: Error) => warn(`could not open ${url}: ${error.message}`));

  return {
    open(url) {
      try {
        parseDeepLink(url);
      } catch (error) {
        warn(`ignored a link: ${(error as Error).message}`);
        return;
      }
      if (window) send(url);
      else pending = url;
    },
    attach(show) {
      window = show;
      const url = pending;
      pending = undefined;
      if (url !== undefined) send(url);
    },
  };
}
