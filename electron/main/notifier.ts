import { Notification } from 'electron';
import type { Notice } from './agent-commands';

/** A desktop notification, or the log where the system has none (some Linux sessions). */
export function notify(notice: Notice): void {
  if (Notification.isSupported()) new Notification({ title: notice.title, body: notice.body }).show();
  else console.warn(`[acm] ${notice.title}: ${notice.body}`);
}
