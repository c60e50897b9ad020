import type { BrowserWindow, Dialog, MessageBoxOptions, Shell } from 'electron';
import { isSafeExternalUrl } from './navigation-policy';

const OPEN_BUTTON = 0;
const CANCEL_BUTTON = 1;

/**
 * The question asked before a link leaves the app. The host stands alone in the message (the
 * line dialogs show largest), in its ASCII form so look-alike letters of another alphabet show
 * as xn--; the full URL, exactly as it will be opened, is the detail. Enter and Escape cancel.
 */
export function externalLinkPrompt(url: URL): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Open link in browser',
    message: `Open ${url.host} in your browser?`,
    detail: url.href,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

export interface ExternalLinkDeps {
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openExternal'>;
  /** The window the question belongs to, if one is open. */
  parent: () => BrowserWindow | undefined;
  warn: (message: string) => void;
}

/**
 * Opens a link in the system browser only after the user agreed. Unsafe URLs are refused
 * before any question, and while one question is open further links are dropped, so a page
 * calling window.open in a loop cannot bury the user in dialogs. Resolves whether it opened.
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps): (rawUrl: string) => Promise<boolean> {
  let asking = false;
  return async (rawUrl) => {
    if (!isSafeExternalUrl(rawUrl)) {
      deps.warn(`refused to open ${rawUrl} outside the app`);
      return false;
    }
    if (asking) {
      deps.warn(`ignored ${rawUrl}: a link is already waiting for confirmation`);
      return false;
    }
    asking = true;
    const url = new URL(rawUrl);
    try {
      const prompt = externalLinkPrompt(url);
      const parent = deps.parent();
      const { response } = parent ? await deps.dialog.showMessageBox(parent, prompt) : await deps.dialog.showMessageBox(prompt);
      if (response !== OPEN_BUTTON) return false;
      await deps.shell.openExternal(url.href);
      return true;
    } catch (error) {
      deps.warn(`could not open ${url.href}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      asking = false;
    }
  };
}
