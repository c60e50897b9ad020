import { closeSync, openSync, writeSync } from 'node:fs';
import { jsonLinesLogger } from './json-lines-logger';
import type { Logger, LogLevel } from './logger';
import { createRedactor } from './redact';

export interface HostLogOptions {
  /** `--log FILE`: appended to; standard error otherwise. */
  file?: string;
  /** Values never to write (the token from the environment, the webhook and SMTP URLs of the flags). */
  secrets: Iterable<string | undefined>;
  level?: LogLevel;
  stderr?: (line: string) => void;
}

export interface HostLog {
  logger: Logger;
  close(): void;
}

/** The password of an `smtp://user:password@host` URL, to hide wherever it shows up alone. */
export function urlPassword(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(new URL(raw).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Opens `acm serve`'s log; a line is written at once, so a crash keeps everything before it. */
export function openHostLog(options: HostLogOptions): HostLog {
  const redactor = createRedactor(options.secrets);
  if (options.file === undefined) {
    const stderr = options.stderr ?? ((line: string) => void process.stderr.write(line));
    return { logger: jsonLinesLogger({ write: stderr, redactor, level: options.level }), close: () => {} };
  }
  // The owner alone reads it: a log names the clients' campaigns and accounts.
  const fd = openSync(options.file, 'a', 0o600);
  return {
    logger: jsonLinesLogger({ write: (line) => void writeSync(fd, line), redactor, level: options.level }),
    close: () => closeSync(fd),
  };
}
