const HIDDEN = '[redacted]';

/**
 * Secret-looking text, hidden even when no one told the logger its value: Meta access tokens
 * (they start EAA), Bearer credentials, Slack webhook paths, token or password parameters, and the
 * password of a URL's user info (an smtp:// URL).
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\bEAA[A-Za-z0-9]{20,}/g, HIDDEN],
  [/\b(Bearer\s+)[^\s"',;]+/gi, `$1${HIDDEN}`],
  [/(hooks\.slack\.com\/services\/)[^\s"'<>]+/gi, `$1${HIDDEN}`],
  [/\b((?:access_token|client_secret|password|passwd|pwd|token)=)[^\s&"'<>]+/gi, `$1${HIDDEN}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi, `$1${HIDDEN}@`],
];

/** Known secrets shorter than this are not searched for: hiding every "a" would hide the log. */
const MIN_KNOWN_LENGTH = 6;

export interface Redactor {
  /** A value to hide wherever it appears (a token from the environment, a webhook URL from a flag). */
  add(secret: string | undefined): void;
  text(value: string): string;
  /** Every string inside a log line's fields, hidden the same way; other values kept. */
  value(value: unknown): unknown;
}

export function createRedactor(known: Iterable<string | undefined> = []): Redactor {
  const secrets = new Set<string>();
  const add = (secret: string | undefined) => {
    const trimmed = secret?.trim();
    if (trimmed && trimmed.length >= MIN_KNOWN_LENGTH) secrets.add(trimmed);
  };
  for (const secret of known) add(secret);

  const text = (input: string): string => {
    let output = input;
    // Longest first, so a URL is hidden whole before a password inside it is.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) output = output.split(secret).join(HIDDEN);
    for (const [pattern, replacement] of SECRET_PATTERNS) output = output.replace(pattern, replacement);
    return output;
  };
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (input instanceof Error) return text(input.stack ?? input.message);
    if (depth > 8 || input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) return input.map((each) => value(each, depth + 1));
    return Object.fromEntries(Object.entries(input).map(([key, each]) => [key, value(each, depth + 1)]));
  };
  return { add, text, value: (input) => value(input) };
}
