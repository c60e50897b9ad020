import { join } from 'node:path';
import log from 'electron-log/node';
import { LOG_LEVELS, type LogFields, type Logger, type LogLevel } from '../host/logging/logger';
import { createRedactor } from '../host/logging/redact';

/** Past this size the log is kept as main.old.log and a new one begun: two files at most. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILE_NAME = 'main.log';

export interface AppLog {
  logger: Logger;
  /** The file being written, named in error messages and the crash page. */
  file: string;
}

/**
 * The app's log: electron-log writing `folder`/main.log (the platform's log folder,
 * app.getPath('logs')) with rotation, and the console (seen in development). The Node build of
 * electron-log is used because it takes the folder from us rather than asking Electron itself.
 */
export function startAppLog(folder: string, level: LogLevel = 'info'): AppLog {
  const file = join(folder, LOG_FILE_NAME);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = level;
  // The console is written here rather than by electron-log, which keeps the console it found when first loaded.
  log.transports.console.level = false;
  // Tokens are never handed to the logger knowingly; this catches any that slip into an error's text.
  const redactor = createRedactor();
  const write = (each: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(each) < LOG_LEVELS.indexOf(level)) return;
    const text = redactor.text(message);
    const line = fields === undefined ? text : `${text} ${JSON.stringify(redactor.value(fields))}`;
    log[each](line);
    console[each](`[acm] ${line}`);
  };
  const logger = Object.fromEntries(LOG_LEVELS.map((each) => [each, write(each)])) as unknown as Logger;
  return { logger, file };
}
