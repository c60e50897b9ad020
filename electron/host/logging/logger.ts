/** How loud a line is; debug is off unless asked for. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

/**
 * The one logging port of host code: the app fills it with electron-log, `acm serve` with JSON
 * lines, so nothing under host/ knows which runtime writes its lines.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** An error as fields a log line can carry: its message and its stack. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}

/** The `(message, error?)` callback the host's services already take: a line with an error is an error, one without news. */
export function logCallback(logger: Logger): (message: string, error?: unknown) => void {
  return (message, error) => (error === undefined ? logger.info(message) : logger.error(message, errorFields(error)));
}
