import type { WebContents } from 'electron';
import type { Logger } from '../host/logging/logger';

/** A second crash this soon after the first is not bad luck: the page is not reloaded again. */
export const CRASH_LOOP_MS = 10 * 60_000;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/**
 * The page shown when the window's page keeps dying: static, no script, no request (its own CSP
 * forbids everything), from a data: URL so it needs no file on disk and gets no access to IPC.
 */
export function crashPageUrl(logFile: string): string {
  const html = [
    '<!doctype html><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
    '<title>The window stopped</title>',
    '<h1>The window stopped working</h1>',
    '<p>The page crashed twice, so it was not reloaded again. The agents go on running.</p>',
    '<p>Close this window and open it again from the tray. The log, for a report, is:</p>',
    `<p><code>${escapeHtml(logFile)}</code></p>`,
  ].join('');
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export interface CrashRecovery {
  logger: Logger;
  logFile: string;
  now?: () => number;
}

/** A page that dies is reloaded once; one that dies again soon after shows the crash page naming the log. */
export function recoverRendererCrashes(contents: Pick<WebContents, 'on' | 'reload' | 'loadURL'>, recovery: CrashRecovery): void {
  const now = recovery.now ?? Date.now;
  let lastCrash: number | undefined;
  contents.on('render-process-gone', (_event, details) => {
    const at = now();
    const looping = lastCrash !== undefined && at - lastCrash < CRASH_LOOP_MS;
    lastCrash = at;
    if (!looping) {
      recovery.logger.warn('the window’s page stopped; reloading it', { reason: details.reason, exitCode: details.exitCode });
      contents.reload();
      return;
    }
    recovery.logger.error('the window’s page stopped again; showing the crash page', { reason: details.reason, exitCode: details.exitCode });
    contents.loadURL(crashPageUrl(recovery.logFile)).catch((error: Error) => recovery.logger.error('could not show the crash page', { error: error.message }));
  });
}
