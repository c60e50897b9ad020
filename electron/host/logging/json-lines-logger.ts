import { LOG_LEVELS, type LogFields, type Logger, type LogLevel } from './logger';
import type { Redactor } from './redact';

export interface JsonLinesOptions {
  /** Where each line goes: stderr, or a `--log FILE` stream. */
  write: (line: string) => void;
  redactor: Redactor;
  /** The quietest level written; info by default. */
  level?: LogLevel;
  now?: () => Date;
}

/** The headless host's logger: one JSON object a line (time, level, message, fields), secrets hidden. */
export function jsonLinesLogger(options: JsonLinesOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const now = options.now ?? (() => new Date());
  const line = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const entry = {
      time: now().toISOString(),
      level,
      message: options.redactor.text(message),
      ...(fields && { fields: options.redactor.value(fields) }),
    };
    options.write(`${JSON.stringify(entry)}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
